"""The two first instruments, version 1: the reintegration-sustainability index and the
entrepreneurial-readiness diagnostic (described in docs/instruments.md).

The definitions are copied here as data, not imported: this migration keeps shipping exactly
what version 1 was, whatever later versions become."""

import json

from django.db import migrations

REINTEGRATION_INDEX_V1 = json.loads(
    r"""
{
  "labels": {
    "fr": "Indice de durabilité de la réintégration",
    "ar": "مؤشر استدامة الإدماج",
    "en": "Reintegration-sustainability index"
  },
  "dimensions": [
    {
      "code": "economic",
      "weight": 1,
      "labels": {
        "fr": "Économique",
        "ar": "الاقتصادي",
        "en": "Economic"
      }
    },
    {
      "code": "social",
      "weight": 1,
      "labels": {
        "fr": "Sociale",
        "ar": "الاجتماعي",
        "en": "Social"
      }
    },
    {
      "code": "psychosocial",
      "weight": 1,
      "labels": {
        "fr": "Psychosociale",
        "ar": "النفسي والاجتماعي",
        "en": "Psychosocial"
      }
    }
  ],
  "questions": [
    {
      "code": "income_regularity",
      "kind": "single",
      "dimension": "economic",
      "weight": 2,
      "labels": {
        "fr": "Ces trois derniers mois, avez-vous eu un revenu régulier ?",
        "ar": "خلال الأشهر الثلاثة الأخيرة، هل كان لديكِ دخل منتظم؟",
        "en": "Over the last three months, have you had a regular income?"
      },
      "options": [
        {
          "code": "none",
          "score": 0,
          "labels": {
            "fr": "Aucun revenu",
            "ar": "لا دخل",
            "en": "No income"
          }
        },
        {
          "code": "occasional",
          "score": 0.35,
          "labels": {
            "fr": "De temps en temps",
            "ar": "من حين لآخر",
            "en": "From time to time"
          }
        },
        {
          "code": "most_months",
          "score": 0.7,
          "labels": {
            "fr": "La plupart des mois",
            "ar": "أغلب الأشهر",
            "en": "Most months"
          }
        },
        {
          "code": "every_month",
          "score": 1,
          "labels": {
            "fr": "Chaque mois",
            "ar": "كل شهر",
            "en": "Every month"
          }
        }
      ]
    },
    {
      "code": "income_sources",
      "kind": "multiple",
      "dimension": "economic",
      "weight": 1,
      "labels": {
        "fr": "D'où viennent aujourd'hui vos revenus ?",
        "ar": "ما هي مصادر دخلكِ حاليا؟",
        "en": "Where does your income come from today?"
      },
      "help": {
        "fr": "Cochez tout ce qui s'applique.",
        "ar": "اختاري كل ما ينطبق.",
        "en": "Tick all that apply."
      },
      "options": [
        {
          "code": "farm_wage",
          "score": 0.3,
          "labels": {
            "fr": "Travail agricole à la journée",
            "ar": "العمل الفلاحي باليومية",
            "en": "Day work on farms"
          }
        },
        {
          "code": "own_farm",
          "score": 0.3,
          "labels": {
            "fr": "Sa propre terre ou son élevage",
            "ar": "أرضها أو ماشيتها الخاصة",
            "en": "Her own land or livestock"
          }
        },
        {
          "code": "own_activity",
          "score": 0.4,
          "labels": {
            "fr": "Sa propre activité (vente, couture, cuisine…)",
            "ar": "نشاطها الخاص (بيع، خياطة، طبخ…)",
            "en": "Her own activity (selling, sewing, cooking…)"
          }
        },
        {
          "code": "regular_job",
          "score": 0.5,
          "labels": {
            "fr": "Un emploi salarié régulier",
            "ar": "عمل مأجور منتظم",
            "en": "A regular paid job"
          }
        },
        {
          "code": "family_help",
          "score": 0.2,
          "labels": {
            "fr": "L'aide de la famille",
            "ar": "مساعدة العائلة",
            "en": "Help from her family"
          }
        },
        {
          "code": "social_aid",
          "score": 0.1,
          "labels": {
            "fr": "Une aide sociale",
            "ar": "دعم اجتماعي",
            "en": "Social assistance"
          }
        },
        {
          "code": "none",
          "score": 0,
          "labels": {
            "fr": "Aucun revenu",
            "ar": "لا دخل",
            "en": "No income"
          }
        }
      ]
    },
    {
      "code": "season_savings",
      "kind": "single",
      "dimension": "economic",
      "weight": 2,
      "labels": {
        "fr": "Que reste-t-il de l'épargne rapportée de la saison ?",
        "ar": "ماذا تبقى من الادخار الذي جلبتِه من الموسم؟",
        "en": "What is left of the savings brought back from the season?"
      },
      "options": [
        {
          "code": "none_brought",
          "score": 0,
          "labels": {
            "fr": "Rien n'a pu être épargné",
            "ar": "لم يتم ادخار أي شيء",
            "en": "Nothing could be saved"
          }
        },
        {
          "code": "all_spent",
          "score": 0.1,
          "labels": {
            "fr": "Tout est déjà dépensé",
            "ar": "صُرف كل شيء",
            "en": "All of it is spent"
          }
        },
        {
          "code": "some_left",
          "score": 0.5,
          "labels": {
            "fr": "Il en reste une partie",
            "ar": "تبقى جزء منه",
            "en": "Some of it is left"
          }
        },
        {
          "code": "most_left",
          "score": 0.8,
          "labels": {
            "fr": "Il en reste la plus grande partie",
            "ar": "تبقى أغلبه",
            "en": "Most of it is left"
          }
        },
        {
          "code": "invested",
          "score": 1,
          "labels": {
            "fr": "Elle est placée dans une activité ou un bien productif",
            "ar": "استُثمر في نشاط أو ممتلكات منتجة",
            "en": "It is invested in an activity or a productive asset"
          }
        }
      ]
    },
    {
      "code": "debts",
      "kind": "single",
      "dimension": "economic",
      "weight": 1,
      "labels": {
        "fr": "Avez-vous des dettes en ce moment ?",
        "ar": "هل عليكِ ديون حاليا؟",
        "en": "Do you have debts at the moment?"
      },
      "options": [
        {
          "code": "none",
          "score": 1,
          "labels": {
            "fr": "Aucune dette",
            "ar": "لا ديون",
            "en": "No debt"
          }
        },
        {
          "code": "small_on_track",
          "score": 0.7,
          "labels": {
            "fr": "Une petite dette, remboursée à temps",
            "ar": "دين صغير يُسدَّد في وقته",
            "en": "A small debt, repaid on time"
          }
        },
        {
          "code": "large_on_track",
          "score": 0.4,
          "labels": {
            "fr": "Une grosse dette, remboursée à temps",
            "ar": "دين كبير يُسدَّد في وقته",
            "en": "A large debt, repaid on time"
          }
        },
        {
          "code": "behind",
          "score": 0,
          "labels": {
            "fr": "Des remboursements en retard",
            "ar": "أقساط متأخرة",
            "en": "Repayments behind schedule"
          }
        }
      ]
    },
    {
      "code": "basic_needs",
      "kind": "scale",
      "dimension": "economic",
      "weight": 2,
      "min": 1,
      "max": 5,
      "labels": {
        "fr": "Le foyer arrive-t-il à couvrir ses besoins de base (nourriture, logement, école) ?",
        "ar": "هل تستطيع الأسرة تغطية حاجياتها الأساسية (الأكل، السكن، الدراسة)؟",
        "en": "Can the household cover its basic needs (food, housing, school)?"
      },
      "low_labels": {
        "fr": "jamais",
        "ar": "أبدا",
        "en": "never"
      },
      "high_labels": {
        "fr": "toujours",
        "ar": "دائما",
        "en": "always"
      }
    },
    {
      "code": "months_without_income",
      "kind": "number",
      "dimension": "economic",
      "weight": 1,
      "min": 0,
      "max": 12,
      "lower_is_better": true,
      "labels": {
        "fr": "Sur les douze derniers mois, combien de mois sans aucun revenu ?",
        "ar": "خلال الاثني عشر شهرا الأخيرة، كم شهرا بقيتِ دون أي دخل؟",
        "en": "Over the last twelve months, how many months without any income?"
      },
      "help": {
        "fr": "Un nombre de 0 à 12.",
        "ar": "عدد من 0 إلى 12.",
        "en": "A number from 0 to 12."
      }
    },
    {
      "code": "housing",
      "kind": "single",
      "dimension": "social",
      "weight": 1,
      "labels": {
        "fr": "Où vivez-vous ?",
        "ar": "أين تسكنين؟",
        "en": "Where do you live?"
      },
      "options": [
        {
          "code": "own",
          "score": 1,
          "labels": {
            "fr": "Dans son propre logement",
            "ar": "في سكنها الخاص",
            "en": "In her own home"
          }
        },
        {
          "code": "family_free",
          "score": 0.7,
          "labels": {
            "fr": "Chez la famille, sans loyer",
            "ar": "عند العائلة دون كراء",
            "en": "With family, rent-free"
          }
        },
        {
          "code": "rented",
          "score": 0.6,
          "labels": {
            "fr": "Dans un logement loué",
            "ar": "في سكن مكترى",
            "en": "In a rented home"
          }
        },
        {
          "code": "precarious",
          "score": 0.1,
          "labels": {
            "fr": "Dans un logement précaire ou provisoire",
            "ar": "في سكن هش أو مؤقت",
            "en": "In precarious or temporary housing"
          }
        }
      ]
    },
    {
      "code": "health_access",
      "kind": "single",
      "dimension": "social",
      "weight": 1,
      "labels": {
        "fr": "Quand vous ou vos enfants avez besoin de soins, pouvez-vous les obtenir ?",
        "ar": "عندما تحتاجين أنتِ أو أطفالكِ إلى العلاج، هل تستطيعين الحصول عليه؟",
        "en": "When you or your children need health care, can you get it?"
      },
      "options": [
        {
          "code": "easily",
          "score": 1,
          "labels": {
            "fr": "Oui, facilement",
            "ar": "نعم، بسهولة",
            "en": "Yes, easily"
          }
        },
        {
          "code": "with_difficulty",
          "score": 0.5,
          "labels": {
            "fr": "Oui, avec difficulté",
            "ar": "نعم، بصعوبة",
            "en": "Yes, with difficulty"
          }
        },
        {
          "code": "no",
          "score": 0,
          "labels": {
            "fr": "Non",
            "ar": "لا",
            "en": "No"
          }
        }
      ]
    },
    {
      "code": "children_school",
      "kind": "single",
      "dimension": "social",
      "weight": 1,
      "required": false,
      "labels": {
        "fr": "Vos enfants en âge d'aller à l'école sont-ils scolarisés ?",
        "ar": "هل أطفالكِ الذين في سن الدراسة متمدرسون؟",
        "en": "Are your children of school age in school?"
      },
      "help": {
        "fr": "Laissez vide si elle n'a pas d'enfant en âge scolaire.",
        "ar": "اتركي الخانة فارغة إذا لم يكن لديها أطفال في سن الدراسة.",
        "en": "Leave blank if she has no child of school age."
      },
      "options": [
        {
          "code": "all",
          "score": 1,
          "labels": {
            "fr": "Tous",
            "ar": "كلهم",
            "en": "All of them"
          }
        },
        {
          "code": "some",
          "score": 0.4,
          "labels": {
            "fr": "Certains",
            "ar": "بعضهم",
            "en": "Some of them"
          }
        },
        {
          "code": "none",
          "score": 0,
          "labels": {
            "fr": "Aucun",
            "ar": "لا أحد منهم",
            "en": "None of them"
          }
        }
      ]
    },
    {
      "code": "documents",
      "kind": "yes_no",
      "dimension": "social",
      "weight": 1,
      "labels": {
        "fr": "Votre carte d'identité et votre passeport sont-ils valides ?",
        "ar": "هل بطاقتكِ الوطنية وجواز سفركِ صالحان؟",
        "en": "Are your identity card and passport valid?"
      }
    },
    {
      "code": "community_participation",
      "kind": "multiple",
      "dimension": "social",
      "weight": 1,
      "labels": {
        "fr": "Participez-vous à la vie de votre communauté ?",
        "ar": "هل تشاركين في حياة جماعتكِ؟",
        "en": "Do you take part in the life of your community?"
      },
      "help": {
        "fr": "Cochez tout ce qui s'applique.",
        "ar": "اختاري كل ما ينطبق.",
        "en": "Tick all that apply."
      },
      "options": [
        {
          "code": "association",
          "score": 0.5,
          "labels": {
            "fr": "Membre d'une association",
            "ar": "عضوة في جمعية",
            "en": "Member of an association"
          }
        },
        {
          "code": "cooperative",
          "score": 0.5,
          "labels": {
            "fr": "Membre d'une coopérative",
            "ar": "عضوة في تعاونية",
            "en": "Member of a cooperative"
          }
        },
        {
          "code": "womens_group",
          "score": 0.4,
          "labels": {
            "fr": "Groupe de femmes ou tontine (daret)",
            "ar": "مجموعة نسائية أو دارت",
            "en": "Women's group or savings circle (daret)"
          }
        },
        {
          "code": "neighbourhood",
          "score": 0.3,
          "labels": {
            "fr": "Activités du douar ou du quartier",
            "ar": "أنشطة الدوار أو الحي",
            "en": "Village or neighbourhood activities"
          }
        },
        {
          "code": "none",
          "score": 0,
          "labels": {
            "fr": "Aucune",
            "ar": "لا شيء",
            "en": "None"
          }
        }
      ]
    },
    {
      "code": "support_person",
      "kind": "yes_no",
      "dimension": "psychosocial",
      "weight": 1,
      "labels": {
        "fr": "Avez-vous quelqu'un hors du foyer vers qui vous tourner en cas de besoin ?",
        "ar": "هل لديكِ شخص خارج الأسرة تلجئين إليه عند الحاجة؟",
        "en": "Do you have someone outside your household to turn to when in need?"
      }
    },
    {
      "code": "family_support",
      "kind": "scale",
      "dimension": "psychosocial",
      "weight": 1,
      "min": 1,
      "max": 5,
      "labels": {
        "fr": "Votre famille soutient-elle vos choix (travail, saison, projets) ?",
        "ar": "هل تدعم عائلتكِ اختياراتكِ (العمل، الموسم، المشاريع)؟",
        "en": "Does your family support your choices (work, the season, plans)?"
      },
      "low_labels": {
        "fr": "pas du tout",
        "ar": "إطلاقا",
        "en": "not at all"
      },
      "high_labels": {
        "fr": "tout à fait",
        "ar": "تماما",
        "en": "completely"
      }
    },
    {
      "code": "belonging",
      "kind": "scale",
      "dimension": "psychosocial",
      "weight": 1,
      "min": 1,
      "max": 5,
      "labels": {
        "fr": "Vous sentez-vous chez vous dans votre douar ou votre quartier ?",
        "ar": "هل تشعرين بالانتماء إلى دواركِ أو حيّكِ؟",
        "en": "Do you feel at home in your village or neighbourhood?"
      },
      "low_labels": {
        "fr": "pas du tout",
        "ar": "إطلاقا",
        "en": "not at all"
      },
      "high_labels": {
        "fr": "tout à fait",
        "ar": "تماما",
        "en": "completely"
      }
    },
    {
      "code": "stress",
      "kind": "scale",
      "dimension": "psychosocial",
      "weight": 2,
      "min": 1,
      "max": 5,
      "lower_is_better": true,
      "labels": {
        "fr": "Le mois dernier, vous êtes-vous sentie inquiète, triste ou sans sommeil ?",
        "ar": "خلال الشهر الماضي، هل شعرتِ بالقلق أو الحزن أو قلة النوم؟",
        "en": "Last month, did you feel worried, sad or unable to sleep?"
      },
      "help": {
        "fr": "1 : jamais ; 5 : presque tout le temps.",
        "ar": "1: أبدا؛ 5: تقريبا طوال الوقت.",
        "en": "1: never; 5: almost all the time."
      },
      "low_labels": {
        "fr": "jamais",
        "ar": "أبدا",
        "en": "never"
      },
      "high_labels": {
        "fr": "presque tout le temps",
        "ar": "تقريبا طوال الوقت",
        "en": "almost all the time"
      }
    },
    {
      "code": "respected",
      "kind": "single",
      "dimension": "psychosocial",
      "weight": 1,
      "labels": {
        "fr": "Depuis votre retour, vous sentez-vous respectée et en sécurité dans votre entourage ?",
        "ar": "منذ عودتكِ، هل تشعرين بالاحترام والأمان في محيطكِ؟",
        "en": "Since your return, do you feel respected and safe among the people around you?"
      },
      "options": [
        {
          "code": "yes",
          "score": 1,
          "labels": {
            "fr": "Oui",
            "ar": "نعم",
            "en": "Yes"
          }
        },
        {
          "code": "sometimes",
          "score": 0.5,
          "labels": {
            "fr": "Pas toujours",
            "ar": "ليس دائما",
            "en": "Not always"
          }
        },
        {
          "code": "no",
          "score": 0,
          "labels": {
            "fr": "Non",
            "ar": "لا",
            "en": "No"
          }
        }
      ]
    },
    {
      "code": "future_plans",
      "kind": "single",
      "dimension": "psychosocial",
      "weight": 1,
      "labels": {
        "fr": "Avez-vous des projets pour les mois à venir ?",
        "ar": "هل لديكِ مشاريع للأشهر المقبلة؟",
        "en": "Do you have plans for the coming months?"
      },
      "options": [
        {
          "code": "clear_plan",
          "score": 1,
          "labels": {
            "fr": "Oui, un projet précis",
            "ar": "نعم، مشروع محدد",
            "en": "Yes, a definite plan"
          }
        },
        {
          "code": "some_ideas",
          "score": 0.6,
          "labels": {
            "fr": "Quelques idées",
            "ar": "بعض الأفكار",
            "en": "Some ideas"
          }
        },
        {
          "code": "undecided",
          "score": 0.3,
          "labels": {
            "fr": "Elle ne sait pas encore",
            "ar": "لم تقرر بعد",
            "en": "She does not know yet"
          }
        },
        {
          "code": "none",
          "score": 0,
          "labels": {
            "fr": "Aucun",
            "ar": "لا شيء",
            "en": "None"
          }
        }
      ]
    },
    {
      "code": "notes",
      "kind": "text",
      "required": false,
      "labels": {
        "fr": "Remarques de l'entretien",
        "ar": "ملاحظات المقابلة",
        "en": "Notes from the interview"
      },
      "help": {
        "fr": "Non noté. Pas d'information de santé détaillée ici.",
        "ar": "غير منقط. لا تدوّني هنا معلومات صحية مفصلة.",
        "en": "Not scored. No detailed health information here."
      }
    }
  ]
}
"""
)

READINESS_DIAGNOSTIC_V1 = json.loads(
    r"""
{
  "labels": {
    "fr": "Diagnostic d'aptitude entrepreneuriale",
    "ar": "تشخيص الاستعداد المقاولاتي",
    "en": "Entrepreneurial-readiness diagnostic"
  },
  "dimensions": [
    {
      "code": "motivation",
      "weight": 1.5,
      "labels": {
        "fr": "Motivation",
        "ar": "الحافز",
        "en": "Motivation"
      }
    },
    {
      "code": "experience",
      "weight": 1,
      "labels": {
        "fr": "Expérience",
        "ar": "التجربة",
        "en": "Experience"
      }
    },
    {
      "code": "skills",
      "weight": 1,
      "labels": {
        "fr": "Compétences",
        "ar": "الكفاءات",
        "en": "Skills"
      }
    },
    {
      "code": "idea_maturity",
      "weight": 1.5,
      "labels": {
        "fr": "Maturité de l'idée",
        "ar": "نضج الفكرة",
        "en": "Maturity of the idea"
      }
    },
    {
      "code": "savings",
      "weight": 1,
      "labels": {
        "fr": "Épargne",
        "ar": "الادخار",
        "en": "Savings"
      }
    },
    {
      "code": "family_support",
      "weight": 1,
      "labels": {
        "fr": "Soutien familial",
        "ar": "الدعم العائلي",
        "en": "Family support"
      }
    },
    {
      "code": "market_knowledge",
      "weight": 1,
      "labels": {
        "fr": "Connaissance du marché",
        "ar": "معرفة السوق",
        "en": "Knowledge of the market"
      }
    }
  ],
  "questions": [
    {
      "code": "why_start",
      "kind": "single",
      "dimension": "motivation",
      "weight": 1,
      "labels": {
        "fr": "Pourquoi voulez-vous créer une activité ?",
        "ar": "لماذا تريدين إنشاء نشاط؟",
        "en": "Why do you want to start an activity?"
      },
      "options": [
        {
          "code": "long_wished",
          "score": 1,
          "labels": {
            "fr": "Elle en rêve depuis longtemps",
            "ar": "تحلم بذلك منذ مدة طويلة",
            "en": "She has wanted it for a long time"
          }
        },
        {
          "code": "more_income",
          "score": 0.7,
          "labels": {
            "fr": "Pour gagner plus",
            "ar": "لكسب دخل أكبر",
            "en": "To earn more"
          }
        },
        {
          "code": "no_other_work",
          "score": 0.4,
          "labels": {
            "fr": "Faute d'autre travail",
            "ar": "لعدم وجود عمل آخر",
            "en": "For lack of other work"
          }
        },
        {
          "code": "pushed",
          "score": 0.2,
          "labels": {
            "fr": "Parce que son entourage le lui demande",
            "ar": "لأن محيطها يطلب منها ذلك",
            "en": "Because those around her ask her to"
          }
        },
        {
          "code": "not_sure",
          "score": 0,
          "labels": {
            "fr": "Elle ne sait pas",
            "ar": "لا تعرف",
            "en": "She does not know"
          }
        }
      ]
    },
    {
      "code": "motivation_level",
      "kind": "scale",
      "dimension": "motivation",
      "weight": 2,
      "min": 1,
      "max": 5,
      "labels": {
        "fr": "Voulez-vous vraiment tenir votre propre activité, même si elle rapporte peu au début ?",
        "ar": "هل تريدين فعلا تسيير نشاطكِ الخاص، حتى لو كان مدخوله قليلا في البداية؟",
        "en": "Do you really want to run your own activity, even if it earns little at first?"
      },
      "low_labels": {
        "fr": "pas du tout",
        "ar": "إطلاقا",
        "en": "not at all"
      },
      "high_labels": {
        "fr": "tout à fait",
        "ar": "تماما",
        "en": "completely"
      }
    },
    {
      "code": "time_available",
      "kind": "single",
      "dimension": "motivation",
      "weight": 1,
      "labels": {
        "fr": "Combien de temps pourriez-vous y consacrer ?",
        "ar": "كم من الوقت يمكنكِ تخصيصه له؟",
        "en": "How much time could you give to it?"
      },
      "options": [
        {
          "code": "full_time",
          "score": 1,
          "labels": {
            "fr": "Tous les jours, à plein temps",
            "ar": "كل يوم، بدوام كامل",
            "en": "Every day, full time"
          }
        },
        {
          "code": "most_days",
          "score": 0.7,
          "labels": {
            "fr": "La plupart des jours",
            "ar": "أغلب الأيام",
            "en": "Most days"
          }
        },
        {
          "code": "few_hours",
          "score": 0.35,
          "labels": {
            "fr": "Quelques heures par semaine",
            "ar": "بضع ساعات في الأسبوع",
            "en": "A few hours a week"
          }
        },
        {
          "code": "none",
          "score": 0,
          "labels": {
            "fr": "Pas de temps disponible",
            "ar": "لا وقت متاح",
            "en": "No time available"
          }
        }
      ]
    },
    {
      "code": "prior_activity",
      "kind": "single",
      "dimension": "experience",
      "weight": 2,
      "labels": {
        "fr": "Avez-vous déjà mené une activité à vous (vente, élevage, couture, cuisine sur commande…) ?",
        "ar": "هل سبق لكِ أن مارستِ نشاطا خاصا بكِ (بيع، تربية الماشية، خياطة، طبخ حسب الطلب…)؟",
        "en": "Have you ever run an activity of your own (selling, livestock, sewing, cooking to order…)?"
      },
      "options": [
        {
          "code": "several_years",
          "score": 1,
          "labels": {
            "fr": "Oui, pendant plusieurs années",
            "ar": "نعم، لعدة سنوات",
            "en": "Yes, for several years"
          }
        },
        {
          "code": "occasionally",
          "score": 0.6,
          "labels": {
            "fr": "Oui, de temps en temps",
            "ar": "نعم، من حين لآخر",
            "en": "Yes, from time to time"
          }
        },
        {
          "code": "helped_family",
          "score": 0.4,
          "labels": {
            "fr": "Elle a aidé dans une activité de la famille",
            "ar": "ساعدت في نشاط عائلي",
            "en": "She helped in a family activity"
          }
        },
        {
          "code": "never",
          "score": 0,
          "labels": {
            "fr": "Jamais",
            "ar": "أبدا",
            "en": "Never"
          }
        }
      ]
    },
    {
      "code": "work_years",
      "kind": "number",
      "dimension": "experience",
      "weight": 1,
      "min": 0,
      "max": 50,
      "score_max": 10,
      "labels": {
        "fr": "Combien d'années de travail rémunéré (au Maroc ou en Espagne) ?",
        "ar": "كم سنة من العمل المأجور (في المغرب أو في إسبانيا)؟",
        "en": "How many years of paid work (in Morocco or in Spain)?"
      },
      "help": {
        "fr": "Saisons comprises ; dix ans ou plus comptent pleinement.",
        "ar": "بما فيها المواسم؛ عشر سنوات أو أكثر تُحتسب كاملة.",
        "en": "Seasons included; ten years or more count in full."
      }
    },
    {
      "code": "trade_skills",
      "kind": "multiple",
      "dimension": "skills",
      "weight": 2,
      "labels": {
        "fr": "Quels savoir-faire maîtrisez-vous ?",
        "ar": "ما هي المهارات التي تتقنينها؟",
        "en": "Which trades do you master?"
      },
      "help": {
        "fr": "Cochez tout ce qui s'applique.",
        "ar": "اختاري كل ما ينطبق.",
        "en": "Tick all that apply."
      },
      "options": [
        {
          "code": "sewing",
          "score": 0.4,
          "labels": {
            "fr": "Couture, broderie",
            "ar": "الخياطة والطرز",
            "en": "Sewing, embroidery"
          }
        },
        {
          "code": "cooking",
          "score": 0.4,
          "labels": {
            "fr": "Cuisine, pâtisserie",
            "ar": "الطبخ والحلويات",
            "en": "Cooking, pastry"
          }
        },
        {
          "code": "farming",
          "score": 0.4,
          "labels": {
            "fr": "Agriculture, élevage",
            "ar": "الفلاحة وتربية الماشية",
            "en": "Farming, livestock"
          }
        },
        {
          "code": "beauty",
          "score": 0.4,
          "labels": {
            "fr": "Coiffure, esthétique",
            "ar": "الحلاقة والتجميل",
            "en": "Hairdressing, beauty care"
          }
        },
        {
          "code": "selling",
          "score": 0.4,
          "labels": {
            "fr": "Commerce, vente",
            "ar": "التجارة والبيع",
            "en": "Trade, selling"
          }
        },
        {
          "code": "handicraft",
          "score": 0.4,
          "labels": {
            "fr": "Artisanat (tissage, poterie…)",
            "ar": "الصناعة التقليدية (النسيج، الفخار…)",
            "en": "Handicraft (weaving, pottery…)"
          }
        },
        {
          "code": "none",
          "score": 0,
          "labels": {
            "fr": "Aucun",
            "ar": "لا شيء",
            "en": "None"
          }
        }
      ]
    },
    {
      "code": "bookkeeping",
      "kind": "single",
      "dimension": "skills",
      "weight": 1,
      "labels": {
        "fr": "Savez-vous tenir vos comptes (ce qui entre et ce qui sort) ?",
        "ar": "هل تعرفين مسك حساباتكِ (المداخيل والمصاريف)؟",
        "en": "Can you keep your accounts (what comes in and what goes out)?"
      },
      "options": [
        {
          "code": "written",
          "score": 1,
          "labels": {
            "fr": "Oui, par écrit",
            "ar": "نعم، كتابة",
            "en": "Yes, in writing"
          }
        },
        {
          "code": "in_head",
          "score": 0.6,
          "labels": {
            "fr": "Oui, de tête",
            "ar": "نعم، في الذهن",
            "en": "Yes, in her head"
          }
        },
        {
          "code": "with_help",
          "score": 0.3,
          "labels": {
            "fr": "Avec l'aide de quelqu'un",
            "ar": "بمساعدة شخص آخر",
            "en": "With someone's help"
          }
        },
        {
          "code": "no",
          "score": 0,
          "labels": {
            "fr": "Non",
            "ar": "لا",
            "en": "No"
          }
        }
      ]
    },
    {
      "code": "recent_training",
      "kind": "yes_no",
      "dimension": "skills",
      "weight": 1,
      "labels": {
        "fr": "Avez-vous suivi une formation (métier, gestion, alphabétisation) ces trois dernières années ?",
        "ar": "هل تابعتِ تكوينا (حرفة، تسيير، محو الأمية) خلال السنوات الثلاث الأخيرة؟",
        "en": "Have you taken a course (a trade, management, literacy) in the last three years?"
      }
    },
    {
      "code": "idea",
      "kind": "single",
      "dimension": "idea_maturity",
      "weight": 2,
      "labels": {
        "fr": "Avez-vous une idée précise d'activité ?",
        "ar": "هل لديكِ فكرة محددة عن النشاط؟",
        "en": "Do you have a definite idea for an activity?"
      },
      "options": [
        {
          "code": "tested",
          "score": 1,
          "labels": {
            "fr": "Oui, et elle l'a déjà essayée",
            "ar": "نعم، وسبق أن جربتها",
            "en": "Yes, and she has already tried it"
          }
        },
        {
          "code": "precise",
          "score": 0.7,
          "labels": {
            "fr": "Oui, une idée précise",
            "ar": "نعم، فكرة محددة",
            "en": "Yes, a definite idea"
          }
        },
        {
          "code": "vague",
          "score": 0.35,
          "labels": {
            "fr": "Une idée encore vague",
            "ar": "فكرة غير واضحة بعد",
            "en": "An idea that is still vague"
          }
        },
        {
          "code": "none",
          "score": 0,
          "labels": {
            "fr": "Pas encore d'idée",
            "ar": "لا فكرة بعد",
            "en": "No idea yet"
          }
        }
      ]
    },
    {
      "code": "start_needs_known",
      "kind": "yes_no",
      "dimension": "idea_maturity",
      "weight": 1,
      "labels": {
        "fr": "Savez-vous ce qu'il faut pour démarrer (matériel, local, stock) et combien cela coûte ?",
        "ar": "هل تعرفين ما يلزم للانطلاق (معدات، محل، سلع) وكم يكلف؟",
        "en": "Do you know what is needed to start (equipment, premises, stock) and what it costs?"
      }
    },
    {
      "code": "savings_available",
      "kind": "number",
      "dimension": "savings",
      "weight": 2,
      "min": 0,
      "max": 1000000,
      "score_max": 30000,
      "labels": {
        "fr": "Combien de votre épargne pourriez-vous mettre dans l'activité (en dirhams) ?",
        "ar": "كم يمكنكِ أن تضعي من ادخاركِ في النشاط (بالدرهم)؟",
        "en": "How much of your savings could you put into the activity (in dirhams)?"
      },
      "help": {
        "fr": "Apport personnel ; 30 000 DH ou plus comptent pleinement.",
        "ar": "المساهمة الشخصية؛ 30.000 درهم أو أكثر تُحتسب كاملة.",
        "en": "Own contribution; 30,000 MAD or more counts in full."
      }
    },
    {
      "code": "debts",
      "kind": "single",
      "dimension": "savings",
      "weight": 1,
      "labels": {
        "fr": "Avez-vous des dettes en ce moment ?",
        "ar": "هل عليكِ ديون حاليا؟",
        "en": "Do you have debts at the moment?"
      },
      "options": [
        {
          "code": "none",
          "score": 1,
          "labels": {
            "fr": "Aucune dette",
            "ar": "لا ديون",
            "en": "No debt"
          }
        },
        {
          "code": "small",
          "score": 0.6,
          "labels": {
            "fr": "Une petite dette",
            "ar": "دين صغير",
            "en": "A small debt"
          }
        },
        {
          "code": "large",
          "score": 0.2,
          "labels": {
            "fr": "Une grosse dette",
            "ar": "دين كبير",
            "en": "A large debt"
          }
        }
      ]
    },
    {
      "code": "family_agrees",
      "kind": "single",
      "dimension": "family_support",
      "weight": 2,
      "labels": {
        "fr": "Votre famille (mari, parents) est-elle d'accord avec votre projet ?",
        "ar": "هل عائلتكِ (الزوج، الوالدان) موافقة على مشروعكِ؟",
        "en": "Does your family (husband, parents) agree with your plan?"
      },
      "options": [
        {
          "code": "will_help",
          "score": 1,
          "labels": {
            "fr": "Oui, et elle l'aidera",
            "ar": "نعم، وستساعدها",
            "en": "Yes, and they will help her"
          }
        },
        {
          "code": "agrees",
          "score": 0.75,
          "labels": {
            "fr": "Oui",
            "ar": "نعم",
            "en": "Yes"
          }
        },
        {
          "code": "indifferent",
          "score": 0.4,
          "labels": {
            "fr": "Indifférente",
            "ar": "غير مبالية",
            "en": "Indifferent"
          }
        },
        {
          "code": "opposed",
          "score": 0,
          "labels": {
            "fr": "Opposée",
            "ar": "معارضة",
            "en": "Opposed"
          }
        }
      ]
    },
    {
      "code": "childcare",
      "kind": "yes_no",
      "dimension": "family_support",
      "weight": 1,
      "required": false,
      "labels": {
        "fr": "Quelqu'un pourrait-il garder vos enfants pendant que vous travaillez ?",
        "ar": "هل يمكن لأحد أن يعتني بأطفالكِ أثناء عملكِ؟",
        "en": "Could someone look after your children while you work?"
      },
      "help": {
        "fr": "Laissez vide si elle n'a pas de jeunes enfants.",
        "ar": "اتركي الخانة فارغة إذا لم يكن لديها أطفال صغار.",
        "en": "Leave blank if she has no young children."
      }
    },
    {
      "code": "customers_known",
      "kind": "single",
      "dimension": "market_knowledge",
      "weight": 1,
      "labels": {
        "fr": "Savez-vous qui vous achèterait ?",
        "ar": "هل تعرفين من سيشتري منكِ؟",
        "en": "Do you know who would buy from you?"
      },
      "options": [
        {
          "code": "named",
          "score": 1,
          "labels": {
            "fr": "Oui, des clientes et clients précis",
            "ar": "نعم، زبناء محددون",
            "en": "Yes, particular customers"
          }
        },
        {
          "code": "rough_idea",
          "score": 0.6,
          "labels": {
            "fr": "Une idée approximative",
            "ar": "فكرة تقريبية",
            "en": "A rough idea"
          }
        },
        {
          "code": "no",
          "score": 0,
          "labels": {
            "fr": "Non",
            "ar": "لا",
            "en": "No"
          }
        }
      ]
    },
    {
      "code": "prices_known",
      "kind": "single",
      "dimension": "market_knowledge",
      "weight": 1,
      "labels": {
        "fr": "Connaissez-vous les prix et les autres vendeurs du même produit près de chez vous ?",
        "ar": "هل تعرفين الأثمنة والبائعين الآخرين لنفس المنتوج قرب مسكنكِ؟",
        "en": "Do you know the prices and the other sellers of the same product near you?"
      },
      "options": [
        {
          "code": "well",
          "score": 1,
          "labels": {
            "fr": "Oui, bien",
            "ar": "نعم، جيدا",
            "en": "Yes, well"
          }
        },
        {
          "code": "a_little",
          "score": 0.5,
          "labels": {
            "fr": "Un peu",
            "ar": "قليلا",
            "en": "A little"
          }
        },
        {
          "code": "no",
          "score": 0,
          "labels": {
            "fr": "Non",
            "ar": "لا",
            "en": "No"
          }
        }
      ]
    },
    {
      "code": "idea_description",
      "kind": "text",
      "required": false,
      "labels": {
        "fr": "L'idée d'activité, en quelques mots",
        "ar": "فكرة النشاط في بضع كلمات",
        "en": "The activity idea, in a few words"
      },
      "help": {
        "fr": "Non noté.",
        "ar": "غير منقط.",
        "en": "Not scored."
      }
    }
  ],
  "orientation_rules": [
    {
      "orientation": "entrepreneurship",
      "conditions": [
        {
          "dimension": "motivation",
          "at_least": 0.6
        },
        {
          "dimension": "idea_maturity",
          "at_least": 0.5
        },
        {
          "dimension": "skills",
          "at_least": 0.5
        },
        {
          "dimension": "savings",
          "at_least": 0.4
        }
      ]
    },
    {
      "orientation": "entrepreneurship",
      "conditions": [
        {
          "dimension": "motivation",
          "at_least": 0.6
        },
        {
          "dimension": "idea_maturity",
          "at_least": 0.5
        },
        {
          "dimension": "skills",
          "at_least": 0.5
        },
        {
          "dimension": "family_support",
          "at_least": 0.7
        }
      ]
    },
    {
      "orientation": "training_first",
      "conditions": [
        {
          "dimension": "motivation",
          "at_least": 0.6
        },
        {
          "dimension": "skills",
          "below": 0.5
        }
      ]
    },
    {
      "orientation": "training_first",
      "conditions": [
        {
          "dimension": "motivation",
          "at_least": 0.6
        },
        {
          "dimension": "idea_maturity",
          "below": 0.5
        }
      ]
    },
    {
      "orientation": "wage_employment",
      "conditions": [
        {
          "dimension": "motivation",
          "below": 0.6
        },
        {
          "dimension": "experience",
          "at_least": 0.5
        }
      ]
    }
  ]
}
"""
)

INSTRUMENTS = [
    (
        "reintegration-index",
        "Indice de durabilité de la réintégration",
        "مؤشر استدامة الإدماج",
        "Reintegration-sustainability index",
        REINTEGRATION_INDEX_V1,
    ),
    (
        "readiness-diagnostic",
        "Diagnostic d'aptitude entrepreneuriale",
        "تشخيص الاستعداد المقاولاتي",
        "Entrepreneurial-readiness diagnostic",
        READINESS_DIAGNOSTIC_V1,
    ),
]


def ship(apps, schema_editor):
    Instrument = apps.get_model("assessments", "Instrument")
    InstrumentVersion = apps.get_model("assessments", "InstrumentVersion")
    for code, name_fr, name_ar, name_en, definition in INSTRUMENTS:
        instrument, _ = Instrument.objects.get_or_create(
            code=code, defaults={"name_fr": name_fr, "name_ar": name_ar, "name_en": name_en}
        )
        InstrumentVersion.objects.get_or_create(
            instrument=instrument, number=1, defaults={"definition": definition}
        )


def unship(apps, schema_editor):
    Instrument = apps.get_model("assessments", "Instrument")
    InstrumentVersion = apps.get_model("assessments", "InstrumentVersion")
    codes = [code for code, *_ in INSTRUMENTS]
    InstrumentVersion.objects.filter(instrument__code__in=codes, number=1).delete()
    Instrument.objects.filter(code__in=codes, versions__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("assessments", "0001_initial")]

    operations = [migrations.RunPython(ship, unship)]
