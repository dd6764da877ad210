"""Write development settings into var/dev.env once (for `make demo` only; never in production)."""

import secrets
import sys
from pathlib import Path

from cryptography.fernet import Fernet


def main(path: str) -> None:
    target = Path(path)
    if target.exists():
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    database = (target.parent.resolve() / "irtiqaa.sqlite3").as_posix()
    target.write_text(
        "# Development settings written by `make demo`. Do not use them in production.\n"
        "DEBUG=1\n"
        f"SECRET_KEY={secrets.token_urlsafe(50)}\n"
        f"IRTIQAA_FIELD_KEYS={Fernet.generate_key().decode()}\n"
        f"IRTIQAA_SEARCH_KEY={secrets.token_urlsafe(32)}\n"
        f"DATABASE_URL=sqlite:///{database}\n"
        "ALLOWED_HOSTS=127.0.0.1,localhost\n"
    )
    target.chmod(0o600)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "var/dev.env")
