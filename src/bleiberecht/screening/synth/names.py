"""Synthetic display names: small lists of common names per region of origin.

The names are common given and family names, combined at random; any likeness to a real person is chance.
Every generated case is marked as synthetic (case id ``SYN-…`` and a note on the first person).
"""

from __future__ import annotations

from random import Random

# region: (male given names, female given names, family names)
_REGIONS: dict[str, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = {
    "arab": (
        ("Ahmad", "Mohammed", "Ali", "Hassan", "Omar", "Khaled", "Yousef", "Mustafa", "Ibrahim", "Karim"),
        ("Fatima", "Zainab", "Maryam", "Noor", "Huda", "Amira", "Layla", "Rana", "Samira", "Aya"),
        (
            "Al-Jabouri",
            "Hussein",
            "Abbas",
            "Saleh",
            "Haddad",
            "Nasser",
            "Khalil",
            "Mahmoud",
            "Rashid",
            "Aziz",
        ),
    ),
    "turkish_kurdish": (
        ("Mehmet", "Ahmet", "Mustafa", "Emre", "Serhat", "Baran", "Murat", "Deniz", "Kemal", "Rojhat"),
        ("Ayşe", "Fatma", "Zeynep", "Emine", "Elif", "Rojda", "Berfin", "Hatice", "Leyla", "Dilan"),
        ("Yılmaz", "Kaya", "Demir", "Aslan", "Doğan", "Çelik", "Arslan", "Tekin", "Aydın", "Özdemir"),
    ),
    "russian_caucasus": (
        ("Magomed", "Ruslan", "Adam", "Islam", "Aslan", "Timur", "Dmitri", "Ibragim", "Rustam", "Sergei"),
        ("Khadija", "Madina", "Zarema", "Aminat", "Elina", "Milana", "Olga", "Petimat", "Luiza", "Malika"),
        ("Magomedov", "Dudayev", "Umarov", "Idrisov", "Bashirov", "Kadyrov", "Ivanov", "Saidov", "Musayev"),
    ),
    "persian_afghan": (
        ("Mohammad", "Reza", "Hamid", "Jawad", "Farid", "Ahmad", "Mehdi", "Sajad", "Navid", "Ali"),
        ("Zahra", "Fatemeh", "Maryam", "Sakina", "Shirin", "Parisa", "Nargis", "Mahsa", "Soraya", "Roya"),
        (
            "Ahmadi",
            "Hosseini",
            "Rahimi",
            "Mohammadi",
            "Karimi",
            "Sultani",
            "Rezaei",
            "Nazari",
            "Haidari",
            "Jafari",
        ),
    ),
    "south_asian": (
        ("Muhammad", "Imran", "Bilal", "Usman", "Rahul", "Amit", "Harpreet", "Arif", "Rakib", "Sandeep"),
        ("Ayesha", "Sana", "Fatima", "Priya", "Nazia", "Anjali", "Rubina", "Shabnam", "Kiran", "Nasrin"),
        ("Khan", "Ahmed", "Hussain", "Singh", "Sharma", "Iqbal", "Malik", "Hossain", "Kumar", "Chowdhury"),
    ),
    "nigerian": (
        (
            "Emmanuel",
            "Chinedu",
            "Samuel",
            "Ifeanyi",
            "Oluwaseun",
            "Tunde",
            "Chukwuemeka",
            "Godwin",
            "Kelechi",
        ),
        (
            "Blessing",
            "Ngozi",
            "Chiamaka",
            "Grace",
            "Esther",
            "Joy",
            "Funmilayo",
            "Adaeze",
            "Precious",
            "Favour",
        ),
        ("Okafor", "Okonkwo", "Adeyemi", "Eze", "Nwosu", "Obi", "Ogunleye", "Balogun", "Okeke", "Chukwu"),
    ),
    "west_african": (
        (
            "Ibrahima",
            "Mamadou",
            "Alhassan",
            "Ousmane",
            "Kwame",
            "Lamin",
            "Moussa",
            "Abdoulaye",
            "Kofi",
            "Sekou",
        ),
        (
            "Aminata",
            "Fatoumata",
            "Mariama",
            "Kadiatou",
            "Awa",
            "Isatou",
            "Akosua",
            "Hawa",
            "Binta",
            "Ramatoulaye",
        ),
        ("Diallo", "Bah", "Jallow", "Camara", "Sow", "Mensah", "Ceesay", "Touré", "Barry", "Koroma"),
    ),
    "maghreb": (
        ("Mohamed", "Youssef", "Amine", "Hamza", "Bilel", "Walid", "Anis", "Karim", "Sofiane", "Rachid"),
        ("Fatima", "Salma", "Imane", "Amal", "Sara", "Nadia", "Khadija", "Meriem", "Houda", "Asma"),
        ("Ben Ali", "Trabelsi", "El Amrani", "Bouazizi", "Haddad", "Mansouri", "Benali", "Jaziri", "Alaoui"),
    ),
    "caucasus": (
        ("Giorgi", "Levan", "David", "Irakli", "Armen", "Tigran", "Elnur", "Rashad", "Nika", "Vusal"),
        ("Nino", "Mariam", "Tamar", "Ani", "Anush", "Leyla", "Gunel", "Ketevan", "Lilit", "Aygun"),
        ("Beridze", "Kapanadze", "Gelashvili", "Hakobyan", "Petrosyan", "Mammadov", "Aliyev", "Lomidze"),
    ),
    "balkan_moldova": (
        ("Arben", "Dragan", "Besnik", "Ion", "Enver", "Milan", "Florin", "Adnan", "Ardit", "Vasile"),
        ("Elira", "Jelena", "Ana", "Merita", "Elena", "Amra", "Mirela", "Drita", "Natalia", "Emina"),
        ("Hoxha", "Berisha", "Jovanović", "Krasniqi", "Rusu", "Ceban", "Hodžić", "Popa", "Gashi", "Nikolić"),
    ),
    "horn": (
        ("Abdi", "Yonas", "Mohamed", "Dawit", "Ahmed", "Tesfaye", "Hamza", "Samuel", "Omar", "Biniam"),
        ("Hodan", "Selam", "Amina", "Helen", "Fardowsa", "Mekdes", "Sahra", "Ruth", "Hawa", "Senait"),
        ("Warsame", "Tesfay", "Hussein", "Gebremedhin", "Abdullahi", "Haile", "Farah", "Bekele", "Osman"),
    ),
    "east_asian": (
        ("Minh", "Tuan", "Hung", "Duc", "Wei", "Long", "Quang", "Jun", "Thanh", "Hao"),
        ("Lan", "Huong", "Mai", "Linh", "Li", "Thu", "Hoa", "Xiu", "Ngoc", "Mei"),
        ("Nguyen", "Tran", "Le", "Pham", "Hoang", "Wang", "Zhang", "Vu", "Dang", "Liu"),
    ),
    "latin": (
        ("Juan", "Carlos", "Luis", "Andrés", "José", "Diego", "Miguel", "Jorge", "Daniel", "Alejandro"),
        ("María", "Ana", "Luisa", "Carolina", "Valentina", "Daniela", "Paola", "Camila", "Sofía", "Laura"),
        (
            "García",
            "Rodríguez",
            "Martínez",
            "López",
            "Gómez",
            "Pérez",
            "Hernández",
            "Díaz",
            "Torres",
            "Rojas",
        ),
    ),
}

_REGION_OF: dict[str, str] = {
    **dict.fromkeys(("IRQ", "SYR", "LBN", "XXA", "LBY", "YEM", "SDN", "EGY"), "arab"),
    "TUR": "turkish_kurdish",
    "NGA": "nigerian",
    **dict.fromkeys(("RUS", "TJK"), "russian_caucasus"),
    **dict.fromkeys(("IRN", "AFG"), "persian_afghan"),
    **dict.fromkeys(("PAK", "IND", "BGD", "LKA"), "south_asian"),
    **dict.fromkeys(("GHA", "GMB", "GIN", "SEN", "SLE", "CIV", "CMR", "MLI", "BFA", "TGO"), "west_african"),
    **dict.fromkeys(("TUN", "MAR", "DZA"), "maghreb"),
    **dict.fromkeys(("GEO", "ARM", "AZE"), "caucasus"),
    **dict.fromkeys(("SRB", "ALB", "XKX", "MKD", "BIH", "MNE", "MDA"), "balkan_moldova"),
    **dict.fromkeys(("ETH", "ERI", "SOM"), "horn"),
    **dict.fromkeys(("VNM", "CHN"), "east_asian"),
    **dict.fromkeys(("COL", "VEN"), "latin"),
}

MALE_GIVEN: frozenset[str] = frozenset(n for m, _, _ in _REGIONS.values() for n in m)
FEMALE_GIVEN: frozenset[str] = frozenset(n for _, f, _ in _REGIONS.values() for n in f)


def region(nationality: str) -> str:
    return _REGION_OF.get(nationality, "arab")


def family_name(rng: Random, nationality: str) -> str:
    families = _REGIONS[region(nationality)][2]
    return families[int(rng.random() * len(families))]


def given_name(rng: Random, nationality: str, male: bool) -> str:
    male_names, female_names, _ = _REGIONS[region(nationality)]
    names = male_names if male else female_names
    return names[int(rng.random() * len(names))]


def sex_of(name: str) -> str | None:
    """'m' / 'f' from the given name of a generated display name; None if it cannot be told."""
    given = name.split(" ", 1)[0]
    in_m, in_f = given in MALE_GIVEN, given in FEMALE_GIVEN
    if in_m == in_f:
        return None
    return "m" if in_m else "f"
