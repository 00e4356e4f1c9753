//! Words of a message: folded, with small typos mended against the words
//! the parser listens for ("shoping" → "shopping", "huevoss" → "huevos").

use crate::domain::food::FoodTable;
use crate::domain::text::fold_name;
use std::collections::HashSet;
use std::sync::LazyLock;

/// Words the parser listens for, in English and Spanish.
pub const VOCABULARY: &[&str] = &[
    // lists, pantry, places
    "shopping",
    "grocery",
    "groceries",
    "list",
    "lista",
    "compras",
    "compra",
    "pantry",
    "despensa",
    "alacena",
    "heladera",
    "nevera",
    "fridge",
    "freezer",
    "cupboard",
    // verbs
    "add",
    "agrega",
    "agregame",
    "agregar",
    "anota",
    "anotame",
    "suma",
    "sumale",
    "pone",
    "poneme",
    "put",
    "need",
    "necesitamos",
    "necesito",
    "falta",
    "faltan",
    "buy",
    "comprar",
    "compre",
    "compramos",
    "bought",
    "got",
    "grabbed",
    "picked",
    "tacha",
    "tachame",
    "check",
    "remove",
    "quita",
    "saca",
    "borra",
    "elimina",
    "tira",
    "toss",
    "used",
    "usamos",
    "use",
    "gaste",
    "gastamos",
    "acabo",
    "acabaron",
    "termino",
    "terminaron",
    "queda",
    "quedan",
    "quedamos",
    "finished",
    "ran",
    "out",
    "plan",
    "planifica",
    "planificame",
    "planear",
    "planea",
    "arma",
    "armame",
    "organiza",
    "organizame",
    "menu",
    "show",
    "muestra",
    "mostrame",
    "muestrame",
    "swap",
    "change",
    "replace",
    "cambia",
    "cambiame",
    "reemplaza",
    "intercambia",
    "cooked",
    "cocinamos",
    "cocine",
    "hicimos",
    "hice",
    "made",
    "recipe",
    "recipes",
    "receta",
    "recetas",
    "remind",
    "recordame",
    "recuerdame",
    "avisame",
    "recordatorio",
    "undo",
    "deshace",
    "deshacer",
    "help",
    "ayuda",
    "invite",
    "invitar",
    "invitacion",
    "join",
    "unirme",
    "calories",
    "calorias",
    "protein",
    "proteina",
    "nutrition",
    "nutricion",
    "allergic",
    "alergico",
    "alergica",
    "vegetarian",
    "vegetariano",
    "vegetariana",
    "vegan",
    "vegano",
    "vegana",
    "breakfast",
    "lunch",
    "dinner",
    "desayuno",
    "almuerzo",
    "cena",
    "merienda",
    "tomorrow",
    "manana",
    "tonight",
    "today",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "lunes",
    "martes",
    "miercoles",
    "jueves",
    "viernes",
    "sabado",
    "domingo",
    "week",
    "semana",
    "expiring",
    "expires",
    "vence",
    "vencen",
    "something",
    "else",
    "another",
    "cook",
    "cocinar",
    "suggest",
    "sugeri",
    "sugerime",
    "budget",
    "presupuesto",
    "minutes",
    "minutos",
    "people",
    "personas",
    "pantry",
    "inventory",
    "whats",
    "what",
    "planeado",
    "planeada",
    "planned",
    "planed",
    "planificado",
    "comprado",
    "comprados",
    "comprada",
    "compradas",
    "desayunamos",
    "cenamos",
    "almorzamos",
    "merendamos",
    "comemos",
    "cocinamos",
    "guardala",
    "guardalo",
    "guardalos",
    "guardalas",
    "guarda",
    "tachala",
    "tachalo",
    "anotala",
    "anotalo",
    "sumalo",
    "sumala",
    "sumalos",
    "household",
    "hogar",
    "commands",
    "comandos",
    "anula",
    "anule",
    "deshaz",
    "ctrl",
    "roommate",
    "partner",
    "share",
    "timezone",
    "horaria",
    "expired",
    "vencio",
    "sacar",
    "poner",
    "regar",
    "comprar",
    "cooker",
    "noon",
    "mediodia",
    "suppers",
    "cafe",
    "otro",
    "otra",
    "opcion",
    "option",
    "ideas",
    "recipies",
    "whatever",
    "something",
    "nothing",
];

static VOCAB: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| VOCABULARY.iter().copied().collect());

/// Every word of every food name, so a food is never "corrected".
static FOOD_WORDS: LazyLock<HashSet<String>> = LazyLock::new(|| {
    let mut set = HashSet::new();
    for food in FoodTable::builtin().iter() {
        for name in std::iter::once(&food.name)
            .chain(&food.aliases_en)
            .chain(&food.aliases_es)
        {
            for w in fold_name(name).split(' ') {
                set.insert(w.to_string());
            }
        }
    }
    set
});

/// Whether a folded word is part of some food's name ("queso", "flour").
pub fn is_food_word(w: &str) -> bool {
    FOOD_WORDS.contains(w)
}

/// More words that are never typos.
const MORE_COMMON: &[&str] = &[
    "chucked",
    "metido",
    "metimos",
    "acabado",
    "acabada",
    "acabados",
    "acabadas",
    "terminado",
    "terminada",
    "terminados",
    "terminadas",
    "nomas",
    "uh",
    "um",
    "goin",
    "tio",
    "wey",
    "ponlo",
    "ponla",
    "ponelas",
    "ponelos",
    "guardalos",
    "guardalas",
    "kindly",
    "spoiled",
    "stored",
    "listo",
    "lista",
    "genial",
    "dale",
    "bueno",
    "joya",
    "perfecto",
    "still",
    "going",
    "looking",
    "house",
    "casa",
    "now",
    "from",
    "abri",
    "abre",
    "open",
    "tacc",
    "anoche",
    "ayer",
    "yesterday",
    "venza",
    "vence",
    "vencen",
    "vencido",
    "nutricional",
    "nutricion",
    "finde",
    "pasado",
    "soap",
    "dish",
    "paper",
    "bags",
    "trash",
    "toilet",
    "give",
    "else",
    "opcion",
    "dame",
];

/// Common words that are never typos of something else, and every word the
/// classifier listens for (so none is "mended" into another).
const COMMON: &[&str] = &[
    "about",
    "aca",
    "acabando",
    "acabaron",
    "acabo",
    "acordame",
    "add",
    "added",
    "after",
    "agrega",
    "agregala",
    "agregale",
    "agregalo",
    "agregame",
    "agregar",
    "agregue",
    "ahi",
    "ahora",
    "alacena",
    "alergia",
    "alergica",
    "alergicas",
    "alergico",
    "alergicos",
    "algo",
    "alguien",
    "algun",
    "alguna",
    "all",
    "allergic",
    "allergies",
    "allergy",
    "almorzamos",
    "almorzar",
    "almuerzo",
    "already",
    "also",
    "amiga",
    "amigo",
    "anade",
    "and",
    "anota",
    "anotala",
    "anotalo",
    "anotame",
    "anotamos",
    "another",
    "antes",
    "anula",
    "anular",
    "anule",
    "any",
    "anything",
    "apio",
    "apunta",
    "apuntame",
    "are",
    "arma",
    "armame",
    "armar",
    "armas",
    "asado",
    "atado",
    "ate",
    "atras",
    "avisame",
    "away",
    "ayer",
    "ayuda",
    "ayudaaa",
    "back",
    "bad",
    "bag",
    "bake",
    "baked",
    "been",
    "before",
    "bence",
    "best",
    "bien",
    "binned",
    "bit",
    "borra",
    "bottle",
    "bought",
    "breakfast",
    "brother",
    "budget",
    "bunch",
    "busca",
    "buscame",
    "buy",
    "cacahuete",
    "cacahuetes",
    "cada",
    "caduca",
    "caducan",
    "cal",
    "calorias",
    "calorie",
    "calories",
    "cambia",
    "cambialo",
    "cambiame",
    "cambiar",
    "cambie",
    "can",
    "canbia",
    "cant",
    "carnicero",
    "carrito",
    "cart",
    "casa",
    "castellano",
    "celery",
    "celiac",
    "celiaco",
    "cena",
    "cenamos",
    "cenar",
    "cenas",
    "change",
    "che",
    "check",
    "checked",
    "chek",
    "chicken",
    "clause",
    "clove",
    "cloves",
    "cocinada",
    "cocinado",
    "cocinamos",
    "cocinar",
    "cocine",
    "code",
    "codigo",
    "comandos",
    "comemos",
    "comensales",
    "comer",
    "comimos",
    "commands",
    "como",
    "companera",
    "companero",
    "compartir",
    "compra",
    "comprada",
    "compradas",
    "comprado",
    "comprados",
    "compramos",
    "comprar",
    "compras",
    "compre",
    "con",
    "congelador",
    "consegui",
    "conseguimos",
    "convence",
    "cook",
    "cooked",
    "cooker",
    "cooking",
    "cooks",
    "cosa",
    "could",
    "crea",
    "create",
    "cross",
    "ctrl",
    "cual",
    "cuales",
    "cuando",
    "cuarto",
    "cupboard",
    "cups",
    "curry",
    "dad",
    "daily",
    "dairy",
    "dame",
    "date",
    "daughter",
    "day",
    "days",
    "december",
    "decime",
    "defrost",
    "del",
    "desayunamos",
    "desayunar",
    "desayuno",
    "desaz",
    "descongelar",
    "deshace",
    "deshacelo",
    "deshacer",
    "deshaga",
    "deshaz",
    "despensa",
    "despues",
    "dessert",
    "desserts",
    "dia",
    "diarias",
    "dias",
    "diciembre",
    "diet",
    "different",
    "dinner",
    "dinners",
    "dish",
    "dishes",
    "dislikes",
    "docena",
    "does",
    "domingo",
    "don",
    "donde",
    "done",
    "dont",
    "dos",
    "dose",
    "dozen",
    "each",
    "easy",
    "eating",
    "echo",
    "egg",
    "eggs",
    "elimina",
    "elimine",
    "else",
    "empty",
    "encontra",
    "encuentrame",
    "english",
    "ensalada",
    "entrar",
    "espanol",
    "esposa",
    "esposo",
    "esta",
    "estan",
    "estoy",
    "everything",
    "expire",
    "expires",
    "expiring",
    "faciles",
    "falta",
    "faltan",
    "familia",
    "family",
    "favor",
    "feeling",
    "feria",
    "fill",
    "find",
    "finished",
    "finshed",
    "fish",
    "flan",
    "flatmate",
    "food",
    "for",
    "forget",
    "free",
    "freee",
    "freezer",
    "fresh",
    "friday",
    "fridge",
    "friend",
    "from",
    "frutos",
    "funciona",
    "game",
    "gastamos",
    "gaste",
    "generate",
    "get",
    "give",
    "gluten",
    "goal",
    "going",
    "gone",
    "good",
    "got",
    "gotta",
    "grab",
    "grabbed",
    "gracias",
    "gramos",
    "grams",
    "groceries",
    "grocery",
    "guarda",
    "guardala",
    "guardalas",
    "guardalo",
    "guardalos",
    "guarde",
    "guiso",
    "gusta",
    "gustan",
    "habia",
    "habla",
    "hablame",
    "hace",
    "haceme",
    "hacer",
    "hago",
    "half",
    "hasta",
    "hate",
    "have",
    "having",
    "hay",
    "heavy",
    "heladera",
    "hello",
    "help",
    "here",
    "hermana",
    "hermano",
    "hice",
    "hicimos",
    "hija",
    "hijo",
    "hizo",
    "hogar",
    "hola",
    "home",
    "hora",
    "horaria",
    "horas",
    "horno",
    "hour",
    "hours",
    "household",
    "how",
    "hoy",
    "huevo",
    "huevos",
    "husband",
    "idea",
    "ideaas",
    "ideas",
    "idioma",
    "ingles",
    "ingredients",
    "instead",
    "intercambia",
    "intercambie",
    "into",
    "intolerante",
    "intolerantes",
    "inventario",
    "inventory",
    "inverti",
    "invierte",
    "invita",
    "invitacion",
    "invitame",
    "invitar",
    "invitation",
    "invite",
    "items",
    "jar",
    "join",
    "joke",
    "just",
    "kcal",
    "keep",
    "kids",
    "kilo",
    "kilos",
    "lacteos",
    "lactosa",
    "lactose",
    "language",
    "las",
    "last",
    "lata",
    "latas",
    "later",
    "least",
    "leche",
    "left",
    "leftover",
    "lentils",
    "less",
    "like",
    "link",
    "list",
    "lista",
    "liters",
    "litres",
    "litro",
    "litros",
    "little",
    "llamar",
    "look",
    "los",
    "love",
    "low",
    "lucas",
    "luego",
    "lugar",
    "lunch",
    "lunches",
    "lunes",
    "macros",
    "made",
    "make",
    "mama",
    "manana",
    "mando",
    "mani",
    "manojo",
    "many",
    "marca",
    "marido",
    "marinate",
    "marisco",
    "mariscos",
    "mark",
    "marque",
    "martes",
    "mas",
    "max",
    "maximo",
    "meal",
    "meals",
    "media",
    "medio",
    "mediodia",
    "mejor",
    "menos",
    "menu",
    "merendamos",
    "merendar",
    "merienda",
    "meti",
    "milanesas",
    "milk",
    "min",
    "mind",
    "mine",
    "mins",
    "minute",
    "minutes",
    "minuto",
    "minutos",
    "moldy",
    "mom",
    "monday",
    "more",
    "morning",
    "most",
    "mostaza",
    "mostrame",
    "move",
    "much",
    "mucho",
    "muestra",
    "muestrame",
    "mustard",
    "nada",
    "name",
    "necesitamos",
    "necesito",
    "need",
    "nesesitamos",
    "never",
    "nevera",
    "next",
    "nice",
    "night",
    "noche",
    "noon",
    "nos",
    "not",
    "nothing",
    "novia",
    "novio",
    "now",
    "nueces",
    "nunca",
    "nutricion",
    "nutricional",
    "nutricionales",
    "nutrientes",
    "nutrition",
    "nutritional",
    "nuts",
    "objetivo",
    "odiamos",
    "odio",
    "off",
    "offline",
    "okay",
    "old",
    "one",
    "only",
    "opcion",
    "open",
    "option",
    "order",
    "organiza",
    "organizame",
    "other",
    "otra",
    "otro",
    "ounces",
    "our",
    "out",
    "oven",
    "over",
    "pack",
    "pantry",
    "pantyr",
    "papa",
    "para",
    "partner",
    "pasa",
    "pasame",
    "paso",
    "pasta",
    "peanut",
    "peanuts",
    "pedir",
    "people",
    "peor",
    "pepper",
    "per",
    "perder",
    "pero",
    "personas",
    "persons",
    "pescado",
    "pescatarian",
    "pescatariano",
    "pescatarianos",
    "pescetarian",
    "pescetariana",
    "pescetarianas",
    "pescetariano",
    "pescetarianos",
    "pick",
    "picked",
    "piece",
    "pieces",
    "pinch",
    "ping",
    "pizza",
    "pizzas",
    "plan",
    "planea",
    "planeada",
    "planeado",
    "planeame",
    "planear",
    "planed",
    "planes",
    "planifica",
    "planificame",
    "planificar",
    "planifique",
    "planned",
    "plans",
    "please",
    "plna",
    "pls",
    "plus",
    "plz",
    "poco",
    "podes",
    "podrias",
    "pollo",
    "pone",
    "ponela",
    "ponelo",
    "poneme",
    "poner",
    "por",
    "porfa",
    "porque",
    "postre",
    "postres",
    "pounds",
    "preferiria",
    "prepara",
    "preparame",
    "preparamos",
    "prepare",
    "preparo",
    "presupuesto",
    "pronto",
    "protein",
    "proteina",
    "proteinas",
    "proxima",
    "proximo",
    "pudrio",
    "puede",
    "puedes",
    "puedo",
    "put",
    "quantity",
    "que",
    "queda",
    "quedamos",
    "quedan",
    "quedaron",
    "queremos",
    "query",
    "queso",
    "quick",
    "quien",
    "quiero",
    "quita",
    "quitale",
    "rack",
    "ran",
    "rapida",
    "rapidas",
    "rapido",
    "rapidos",
    "ready",
    "receta",
    "recetas",
    "recipe",
    "recipes",
    "recipies",
    "recordame",
    "recordatorio",
    "recuerdame",
    "recuerdeme",
    "reemplace",
    "reemplaza",
    "refri",
    "regar",
    "remidn",
    "remind",
    "reminder",
    "remojo",
    "remove",
    "removed",
    "renew",
    "replace",
    "reroll",
    "restocked",
    "revert",
    "reverti",
    "revertir",
    "roomie",
    "roommate",
    "run",
    "running",
    "sabado",
    "sabes",
    "saca",
    "sacale",
    "sacar",
    "salad",
    "salga",
    "salsa",
    "salt",
    "saturday",
    "sauce",
    "say",
    "scratch",
    "search",
    "secos",
    "see",
    "semana",
    "semanal",
    "send",
    "sent",
    "servings",
    "sesame",
    "sesamo",
    "share",
    "shellfish",
    "shopping",
    "should",
    "show",
    "shrimp",
    "shwo",
    "siempre",
    "sin",
    "sister",
    "slice",
    "slices",
    "slow",
    "snack",
    "soak",
    "sobras",
    "soja",
    "some",
    "somebody",
    "someone",
    "something",
    "somos",
    "son",
    "soon",
    "sopa",
    "sort",
    "soup",
    "soy",
    "spanish",
    "speak",
    "spice",
    "stand",
    "start",
    "still",
    "stock",
    "stocked",
    "store",
    "suegra",
    "sugeri",
    "sugerime",
    "suggest",
    "suma",
    "sumala",
    "sumale",
    "sumalo",
    "sumalos",
    "sumame",
    "sumar",
    "sumarme",
    "super",
    "sure",
    "sustituya",
    "sustituye",
    "swap",
    "switch",
    "tacha",
    "tachala",
    "tachalo",
    "tachame",
    "tacos",
    "take",
    "tambien",
    "tarde",
    "target",
    "tarta",
    "tartas",
    "taza",
    "tazas",
    "tell",
    "temprano",
    "tenemos",
    "tenes",
    "tengo",
    "terminaron",
    "termino",
    "text",
    "than",
    "thank",
    "thanks",
    "that",
    "the",
    "them",
    "then",
    "there",
    "theres",
    "these",
    "they",
    "thirty",
    "this",
    "those",
    "three",
    "threw",
    "through",
    "throw",
    "tick",
    "tiene",
    "tienes",
    "time",
    "timezone",
    "tira",
    "tirala",
    "tiralo",
    "toda",
    "todas",
    "today",
    "todo",
    "todos",
    "tomorrow",
    "tonight",
    "too",
    "toss",
    "tossed",
    "trade",
    "tree",
    "tres",
    "trigo",
    "two",
    "una",
    "unas",
    "under",
    "undo",
    "unir",
    "unirme",
    "unirse",
    "unit",
    "unos",
    "until",
    "usamos",
    "use",
    "used",
    "using",
    "vamos",
    "vegan",
    "vegana",
    "veganas",
    "vegano",
    "veganos",
    "vegetarian",
    "vegetariana",
    "vegetarianas",
    "vegetariano",
    "vegetarianos",
    "veggie",
    "vence",
    "vencen",
    "vencer",
    "vencieron",
    "vencio",
    "ver",
    "vez",
    "viene",
    "vincular",
    "volve",
    "volver",
    "vuelve",
    "walk",
    "want",
    "way",
    "weather",
    "week",
    "weekly",
    "went",
    "were",
    "what",
    "whatever",
    "whats",
    "wheat",
    "when",
    "whipped",
    "wife",
    "will",
    "wise",
    "with",
    "without",
    "work",
    "would",
    "yesterday",
    "you",
    "your",
    "zona",
    "zone",
];

fn is_known(w: &str) -> bool {
    VOCAB.contains(w)
        || FOOD_WORDS.contains(w)
        || COMMON.contains(&w)
        || MORE_COMMON.contains(&w)
        || crate::domain::units::Unit::from_word(w).is_some()
        || super::dates::weekday_word(w).is_some()
        || super::dates::meal_word(w).is_some()
        || number_word(w).is_some()
}

/// Folds a message and mends typos of listened-for words.
pub fn normalize(text: &str) -> Vec<String> {
    normalize_both(text).into_iter().map(|(m, _)| m).collect()
}

/// The folded words of a message, each as mended and as written.
pub fn normalize_both(text: &str) -> Vec<(String, String)> {
    let mut pairs = Vec::new();
    for raw in folded_words(text) {
        let mended = mend(&raw);
        pairs.push((mended, raw));
    }
    pairs
}

/// Folds a message into words, keeping times ("18:30"), decimals ("1.5")
/// and timezone names ("europe/madrid") whole.
fn folded_words(text: &str) -> Vec<String> {
    // Keep ":" in times and "/" in commands by folding ourselves per word.
    let mut out = Vec::new();
    for raw in text.split_whitespace() {
        let lowered = raw.to_lowercase();
        // "18:00", "6:30pm" stay whole.
        let is_time =
            lowered.contains(':') && lowered.chars().next().is_some_and(|c| c.is_ascii_digit());
        if is_time {
            out.push(
                lowered
                    .trim_matches(|c: char| !c.is_alphanumeric())
                    .to_string(),
            );
            continue;
        }
        // ISO dates stay whole: "2026-12-01".
        let iso = lowered.trim_matches(|c: char| !c.is_alphanumeric());
        if iso.len() == 10 && chrono::NaiveDate::parse_from_str(iso, "%Y-%m-%d").is_ok() {
            out.push(iso.to_string());
            continue;
        }
        let zone = lowered.trim_matches(|c: char| !c.is_alphanumeric());
        if zone.contains('/')
            && zone.split('/').all(|p| {
                p.len() > 1
                    && p.chars()
                        .all(|c| c.is_ascii_alphabetic() || c == '_' || c == '-')
            })
        {
            out.push(zone.to_string());
            continue;
        }
        // "I've", "tonight's": the apostrophe separates words here.
        let spaced = lowered.replace(['¿', '¡', '\'', '’', '`'], " ");
        // Decimals stay whole: "1.5", "2,5".
        if spaced.chars().next().is_some_and(|c| c.is_ascii_digit()) && spaced.contains(['.', ','])
        {
            let num = spaced.replace(',', ".");
            if num
                .trim_end_matches(|c: char| c.is_alphabetic())
                .parse::<f64>()
                .is_ok()
            {
                out.push(num);
                continue;
            }
        }
        for w in fold_name(&spaced).split(' ').filter(|w| !w.is_empty()) {
            out.push(w.to_string());
        }
    }
    out
}

/// The vocabulary word a typo stands for, or the word itself.
fn mend(w: &str) -> String {
    // Chat shorthand.
    match w {
        "q" | "qe" | "k" | "ke" | "qeu" | "qie" => return "que".into(),
        "w" => return "with".into(),
        "tommorow" | "tommorrow" | "tomorrrow" | "2morrow" | "2moro" | "tmrw" | "tmr" => {
            return "tomorrow".into();
        }
        "aser" | "acer" => return "hacer".into(),
        "nxt" => return "next".into(),
        "pls" | "plz" => return "please".into(),
        "n" => return "and".into(),
        "wot" | "wat" | "wut" => return "what".into(),
        // Words one letter away from a command word that are words too.
        "uno" | "una" | "unos" | "unas" => return w.to_string(),
        "xq" | "pq" => return "porque".into(),
        _ => {}
    }
    if w.len() < 3 || is_known(w) || w.chars().any(|c| c.is_ascii_digit()) {
        return w.to_string();
    }
    // A verb with pronouns is not a typo ("planeala", "tachalos").
    if super::verb_root(w).is_some_and(is_known) {
        return w.to_string();
    }
    // A plural of a known word is not a typo ("pancakes", "sponges").
    if [w.strip_suffix("es"), w.strip_suffix('s')]
        .into_iter()
        .flatten()
        .any(is_known)
    {
        return w.to_string();
    }
    // Repeated letters: "huevoss", "ayudaaa".
    let squeezed: String = {
        let mut s = String::with_capacity(w.len());
        for c in w.chars() {
            if !(s.ends_with(c) && s.chars().rev().nth(1) == Some(c)) {
                s.push(c);
            }
        }
        s
    };
    let dedup: String = {
        let mut s = String::with_capacity(w.len());
        for c in w.chars() {
            if !s.ends_with(c) {
                s.push(c);
            }
        }
        s
    };
    for cand in [&squeezed, &dedup] {
        if VOCAB.contains(cand.as_str()) || FOOD_WORDS.contains(cand.as_str()) {
            return cand.clone();
        }
    }
    if w.len() < 5 {
        // Short words only mend to words the parser listens for.
        let targets = || VOCABULARY.iter();
        if let Some(v) = targets().find(|v| v.len() == w.len() && is_transposition(w, v)) {
            return v.to_string();
        }
        if let Some(v) =
            targets().find(|v| v.len() == w.len() + 1 && v.len() >= 4 && distance(w, v) == 1)
        {
            return v.to_string();
        }
        return w.to_string();
    }
    let limit = if w.len() >= 9 { 2 } else { 1 };
    let mut best: Option<(usize, &str)> = None;
    for v in VOCABULARY
        .iter()
        .chain(COMMON.iter().filter(|c| c.len() >= 4))
    {
        if v.len().abs_diff(w.len()) > limit {
            continue;
        }
        // Four letters are too few to guess a substitution ("make" is not
        // "made"): only a swap or a missing letter ("plna", "chek").
        if w.len() == 4 && v.len() == w.len() && !is_transposition(w, v) {
            continue;
        }
        let d = distance(w, v);
        if d <= limit && best.is_none_or(|(bd, _)| d < bd) {
            best = Some((d, v));
        }
    }
    if let Some((_, v)) = best {
        return v.to_string();
    }
    w.to_string()
}

/// The food name a misspelled word stands for ("buter" → "butter",
/// "cebola" → "cebolla"): one edit, whole food names preferred.
pub fn mend_food(w: &str) -> Option<String> {
    if w.len() < 5 || FOOD_WORDS.contains(w) {
        return None;
    }
    let table = FoodTable::builtin();
    let list = FOOD_BY_LEN.get(&w.chars().next()?)?;
    let mut found: Vec<&String> = list
        .iter()
        .filter(|v| v.len().abs_diff(w.len()) <= 1 && distance(w, v) == 1)
        .collect();
    found.sort_by_key(|v| (table.lookup_folded(v).is_none(), v.len().abs_diff(w.len())));
    found.first().map(|v| (*v).clone())
}

/// Food words by first letter, for typo mending.
static FOOD_BY_LEN: LazyLock<std::collections::HashMap<char, Vec<String>>> = LazyLock::new(|| {
    let mut map: std::collections::HashMap<char, Vec<String>> = std::collections::HashMap::new();
    for w in FOOD_WORDS.iter().filter(|w| w.len() >= 5) {
        if let Some(c) = w.chars().next() {
            map.entry(c).or_default().push(w.clone());
        }
    }
    for list in map.values_mut() {
        list.sort();
    }
    map
});

fn is_transposition(a: &str, b: &str) -> bool {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let diff: Vec<usize> = (0..a.len()).filter(|i| a[*i] != b[*i]).collect();
    diff.len() == 2
        && diff[1] == diff[0] + 1
        && a[diff[0]] == b[diff[1]]
        && a[diff[1]] == b[diff[0]]
}

/// Damerau-Levenshtein distance (adjacent transpositions count one), on
/// bytes, without allocating; words longer than 31 bytes count as far apart.
fn distance(a: &str, b: &str) -> usize {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let (n, m) = (a.len(), b.len());
    if n.abs_diff(m) > 2 || n > 31 || m > 31 {
        return n.abs_diff(m).max(3);
    }
    let mut d = [[0u8; 32]; 32];
    for (i, row) in d.iter_mut().enumerate().take(n + 1) {
        row[0] = i as u8;
    }
    for (j, cell) in d[0].iter_mut().enumerate().take(m + 1) {
        *cell = j as u8;
    }
    for i in 1..=n {
        for j in 1..=m {
            let cost = u8::from(a[i - 1] != b[j - 1]);
            let mut v = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = v;
        }
    }
    usize::from(d[n][m])
}

/// A number written as a word ("four", "cuatro").
pub fn number_word(w: &str) -> Option<u32> {
    Some(match w {
        "one" | "un" | "una" | "uno" | "a" => 1,
        "two" | "dos" => 2,
        "three" | "tres" => 3,
        "four" | "cuatro" => 4,
        "five" | "cinco" => 5,
        "six" | "seis" => 6,
        "seven" | "siete" => 7,
        "eight" | "ocho" => 8,
        "nine" | "nueve" => 9,
        "ten" | "diez" => 10,
        "eleven" => 11,
        "twelve" | "doce" => 12,
        "thirteen" | "trece" => 13,
        "fourteen" | "catorce" => 14,
        "fifteen" | "quince" => 15,
        "twenty" | "veinte" => 20,
        "thirty" | "treinta" => 30,
        "forty" | "cuarenta" => 40,
        "fifty" | "cincuenta" => 50,
        "sixty" | "sesenta" => 60,
        _ => return None,
    })
}

/// A number written with digits or as a word.
pub fn number(w: &str) -> Option<u32> {
    w.parse::<u32>()
        .ok()
        .or_else(|| number_word(w).filter(|_| !matches!(w, "a" | "un" | "una" | "uno")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mends_small_typos_of_listened_words_only() {
        assert_eq!(
            normalize("whats on the shoping list"),
            ["whats", "on", "the", "shopping", "list"]
        );
        assert_eq!(
            normalize("agrega huevoss"),
            ["agrega", "huevoss"],
            "foods are mended where items are read"
        );
        assert_eq!(mend_food("huevoss").as_deref(), Some("huevos"));
        assert_eq!(mend_food("buter").as_deref(), Some("butter"));
        assert_eq!(normalize("tomorow"), ["tomorrow"]);
        assert_eq!(normalize("¿Qué comemos HOY?"), ["que", "comemos", "hoy"]);
        assert_eq!(normalize("a las 18:30"), ["a", "las", "18:30"]);
        assert_eq!(
            normalize("lentils"),
            ["lentils"],
            "foods are never corrected"
        );
        assert_eq!(distance("recipie", "recipe"), 1);
    }
}
