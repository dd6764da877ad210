"""Reference data: Morocco's 12 regions and 75 prefectures and provinces.

Source: decree no. 2-15-40 of 20 February 2015 (Bulletin officiel no. 6340,
5 March 2015) fixing the number, names and seats of the regions and the
prefectures and provinces that make them up: 13 prefectures (عمالات) and
62 provinces (أقاليم).

Names are the bare place names, without "Préfecture de" / "Province de"
or "عمالة" / "إقليم"; the kind column says which of the two a unit is.
The data is written inline on purpose: a migration must not import app code.
"""

from django.db import migrations

PREFECTURE = "prefecture"
PROVINCE = "province"

# (official_number, code, name_fr, name_ar, is_pilot)
REGIONS = (
    (1, "tta", "Tanger-Tétouan-Al Hoceïma", "طنجة تطوان الحسيمة", False),
    (2, "ori", "L'Oriental", "الشرق", False),
    (3, "fm", "Fès-Meknès", "فاس مكناس", False),
    (4, "rsk", "Rabat-Salé-Kénitra", "الرباط سلا القنيطرة", True),
    (5, "bmk", "Béni Mellal-Khénifra", "بني ملال خنيفرة", True),
    (6, "cs", "Casablanca-Settat", "الدار البيضاء سطات", True),
    (7, "ms", "Marrakech-Safi", "مراكش آسفي", False),
    (8, "dt", "Drâa-Tafilalet", "درعة تافيلالت", False),
    (9, "sm", "Souss-Massa", "سوس ماسة", False),
    (10, "gon", "Guelmim-Oued Noun", "كلميم واد نون", False),
    (11, "lsh", "Laâyoune-Sakia El Hamra", "العيون الساقية الحمراء", False),
    (12, "ded", "Dakhla-Oued Ed-Dahab", "الداخلة وادي الذهب", False),
)

# (region_code, code, kind, name_fr, name_ar)
PROVINCES = (
    # 1. Tanger-Tétouan-Al Hoceïma: 2 prefectures, 6 provinces
    ("tta", "tanger-assilah", PREFECTURE, "Tanger-Assilah", "طنجة أصيلة"),
    ("tta", "mdiq-fnideq", PREFECTURE, "M'diq-Fnideq", "المضيق الفنيدق"),
    ("tta", "tetouan", PROVINCE, "Tétouan", "تطوان"),
    ("tta", "fahs-anjra", PROVINCE, "Fahs-Anjra", "الفحص أنجرة"),
    ("tta", "larache", PROVINCE, "Larache", "العرائش"),
    ("tta", "al-hoceima", PROVINCE, "Al Hoceïma", "الحسيمة"),
    ("tta", "chefchaouen", PROVINCE, "Chefchaouen", "شفشاون"),
    ("tta", "ouezzane", PROVINCE, "Ouezzane", "وزان"),
    # 2. L'Oriental: 1 prefecture, 7 provinces
    ("ori", "oujda-angad", PREFECTURE, "Oujda-Angad", "وجدة أنجاد"),
    ("ori", "nador", PROVINCE, "Nador", "الناظور"),
    ("ori", "driouch", PROVINCE, "Driouch", "الدريوش"),
    ("ori", "jerada", PROVINCE, "Jerada", "جرادة"),
    ("ori", "berkane", PROVINCE, "Berkane", "بركان"),
    ("ori", "taourirt", PROVINCE, "Taourirt", "تاوريرت"),
    ("ori", "guercif", PROVINCE, "Guercif", "جرسيف"),
    ("ori", "figuig", PROVINCE, "Figuig", "فجيج"),
    # 3. Fès-Meknès: 2 prefectures, 7 provinces
    ("fm", "fes", PREFECTURE, "Fès", "فاس"),
    ("fm", "meknes", PREFECTURE, "Meknès", "مكناس"),
    ("fm", "el-hajeb", PROVINCE, "El Hajeb", "الحاجب"),
    ("fm", "ifrane", PROVINCE, "Ifrane", "إفران"),
    ("fm", "moulay-yacoub", PROVINCE, "Moulay Yacoub", "مولاي يعقوب"),
    ("fm", "sefrou", PROVINCE, "Séfrou", "صفرو"),
    ("fm", "boulemane", PROVINCE, "Boulemane", "بولمان"),
    ("fm", "taounate", PROVINCE, "Taounate", "تاونات"),
    ("fm", "taza", PROVINCE, "Taza", "تازة"),
    # 4. Rabat-Salé-Kénitra: 3 prefectures, 4 provinces
    ("rsk", "rabat", PREFECTURE, "Rabat", "الرباط"),
    ("rsk", "sale", PREFECTURE, "Salé", "سلا"),
    ("rsk", "skhirate-temara", PREFECTURE, "Skhirate-Témara", "الصخيرات تمارة"),
    ("rsk", "kenitra", PROVINCE, "Kénitra", "القنيطرة"),
    ("rsk", "khemisset", PROVINCE, "Khémisset", "الخميسات"),
    ("rsk", "sidi-kacem", PROVINCE, "Sidi Kacem", "سيدي قاسم"),
    ("rsk", "sidi-slimane", PROVINCE, "Sidi Slimane", "سيدي سليمان"),
    # 5. Béni Mellal-Khénifra: 5 provinces
    ("bmk", "beni-mellal", PROVINCE, "Béni Mellal", "بني ملال"),
    ("bmk", "azilal", PROVINCE, "Azilal", "أزيلال"),
    ("bmk", "fquih-ben-salah", PROVINCE, "Fquih Ben Salah", "الفقيه بن صالح"),
    ("bmk", "khenifra", PROVINCE, "Khénifra", "خنيفرة"),
    ("bmk", "khouribga", PROVINCE, "Khouribga", "خريبكة"),
    # 6. Casablanca-Settat: 2 prefectures, 7 provinces
    ("cs", "casablanca", PREFECTURE, "Casablanca", "الدار البيضاء"),
    ("cs", "mohammedia", PREFECTURE, "Mohammedia", "المحمدية"),
    ("cs", "el-jadida", PROVINCE, "El Jadida", "الجديدة"),
    ("cs", "nouaceur", PROVINCE, "Nouaceur", "النواصر"),
    ("cs", "mediouna", PROVINCE, "Médiouna", "مديونة"),
    ("cs", "benslimane", PROVINCE, "Benslimane", "بنسليمان"),
    ("cs", "berrechid", PROVINCE, "Berrechid", "برشيد"),
    ("cs", "settat", PROVINCE, "Settat", "سطات"),
    ("cs", "sidi-bennour", PROVINCE, "Sidi Bennour", "سيدي بنور"),
    # 7. Marrakech-Safi: 1 prefecture, 7 provinces
    ("ms", "marrakech", PREFECTURE, "Marrakech", "مراكش"),
    ("ms", "chichaoua", PROVINCE, "Chichaoua", "شيشاوة"),
    ("ms", "al-haouz", PROVINCE, "Al Haouz", "الحوز"),
    ("ms", "el-kelaa-des-sraghna", PROVINCE, "El Kelâa des Sraghna", "قلعة السراغنة"),
    ("ms", "essaouira", PROVINCE, "Essaouira", "الصويرة"),
    ("ms", "rehamna", PROVINCE, "Rehamna", "الرحامنة"),
    ("ms", "safi", PROVINCE, "Safi", "آسفي"),
    ("ms", "youssoufia", PROVINCE, "Youssoufia", "اليوسفية"),
    # 8. Drâa-Tafilalet: 5 provinces
    ("dt", "errachidia", PROVINCE, "Errachidia", "الرشيدية"),
    ("dt", "ouarzazate", PROVINCE, "Ouarzazate", "ورزازات"),
    ("dt", "midelt", PROVINCE, "Midelt", "ميدلت"),
    ("dt", "tinghir", PROVINCE, "Tinghir", "تنغير"),
    ("dt", "zagora", PROVINCE, "Zagora", "زاكورة"),
    # 9. Souss-Massa: 2 prefectures, 4 provinces
    ("sm", "agadir-ida-ou-tanane", PREFECTURE, "Agadir Ida-Ou-Tanane", "أكادير إداوتنان"),
    ("sm", "inezgane-ait-melloul", PREFECTURE, "Inezgane-Aït Melloul", "إنزكان آيت ملول"),
    ("sm", "chtouka-ait-baha", PROVINCE, "Chtouka-Aït Baha", "اشتوكة آيت باها"),
    ("sm", "taroudannt", PROVINCE, "Taroudannt", "تارودانت"),
    ("sm", "tiznit", PROVINCE, "Tiznit", "تيزنيت"),
    ("sm", "tata", PROVINCE, "Tata", "طاطا"),
    # 10. Guelmim-Oued Noun: 4 provinces
    ("gon", "guelmim", PROVINCE, "Guelmim", "كلميم"),
    ("gon", "assa-zag", PROVINCE, "Assa-Zag", "آسا الزاك"),
    ("gon", "tan-tan", PROVINCE, "Tan-Tan", "طانطان"),
    ("gon", "sidi-ifni", PROVINCE, "Sidi Ifni", "سيدي إفني"),
    # 11. Laâyoune-Sakia El Hamra: 4 provinces
    ("lsh", "laayoune", PROVINCE, "Laâyoune", "العيون"),
    ("lsh", "boujdour", PROVINCE, "Boujdour", "بوجدور"),
    ("lsh", "tarfaya", PROVINCE, "Tarfaya", "طرفاية"),
    ("lsh", "es-semara", PROVINCE, "Es-Semara", "السمارة"),
    # 12. Dakhla-Oued Ed-Dahab: 2 provinces
    ("ded", "oued-ed-dahab", PROVINCE, "Oued Ed-Dahab", "وادي الذهب"),
    ("ded", "aousserd", PROVINCE, "Aousserd", "أوسرد"),
)


def create_regions_and_provinces(apps, schema_editor):
    Region = apps.get_model("geography", "Region")
    Province = apps.get_model("geography", "Province")
    db = schema_editor.connection.alias

    Region.objects.using(db).bulk_create(
        Region(
            official_number=number,
            code=code,
            name_fr=name_fr,
            name_ar=name_ar,
            is_pilot=is_pilot,
        )
        for number, code, name_fr, name_ar, is_pilot in REGIONS
    )
    # Re-read rather than rely on bulk_create setting primary keys.
    regions = {
        region.code: region
        for region in Region.objects.using(db).filter(code__in=[r[1] for r in REGIONS])
    }
    Province.objects.using(db).bulk_create(
        Province(
            region=regions[region_code],
            code=code,
            kind=kind,
            name_fr=name_fr,
            name_ar=name_ar,
        )
        for region_code, code, kind, name_fr, name_ar in PROVINCES
    )


def delete_regions_and_provinces(apps, schema_editor):
    Region = apps.get_model("geography", "Region")
    Province = apps.get_model("geography", "Province")
    db = schema_editor.connection.alias

    Province.objects.using(db).filter(code__in=[p[1] for p in PROVINCES]).delete()
    Region.objects.using(db).filter(code__in=[r[1] for r in REGIONS]).delete()


class Migration(migrations.Migration):
    dependencies = [("geography", "0001_initial")]

    operations = [
        migrations.RunPython(create_regions_and_provinces, delete_regions_and_provinces),
    ]
