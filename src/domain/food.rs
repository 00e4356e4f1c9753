//! The food table: canonical foods with nutrients per 100 g, household
//! measures (density, piece and bunch weights), aisle, content flags and
//! English/Spanish names. Built once from `data/foods.tsv`, which
//! `scripts/derive_foods.py` derives from USDA SR28 (public domain).

use super::flags::{Flag, FoodFlags};
use super::nutrition::Nutrients;
use super::text::fold_name;
use rustc_hash::{FxHashMap, FxHashSet};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;
use std::sync::LazyLock;

/// Index of a food in a [`FoodTable`]. Stable only within one table: store
/// the canonical name, not the id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FoodId(pub u32);

/// Where a food is found in a shop; the order is a walk through the store.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Aisle {
    Produce,
    Bakery,
    Meat,
    Fish,
    Dairy,
    Eggs,
    Grains,
    Legumes,
    Canned,
    Condiments,
    Oils,
    Spices,
    Baking,
    Nuts,
    Snacks,
    Frozen,
    Beverages,
    Other,
}

impl Aisle {
    pub const ALL: [Aisle; 18] = [
        Aisle::Produce,
        Aisle::Bakery,
        Aisle::Meat,
        Aisle::Fish,
        Aisle::Dairy,
        Aisle::Eggs,
        Aisle::Grains,
        Aisle::Legumes,
        Aisle::Canned,
        Aisle::Condiments,
        Aisle::Oils,
        Aisle::Spices,
        Aisle::Baking,
        Aisle::Nuts,
        Aisle::Snacks,
        Aisle::Frozen,
        Aisle::Beverages,
        Aisle::Other,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Aisle::Produce => "produce",
            Aisle::Bakery => "bakery",
            Aisle::Meat => "meat",
            Aisle::Fish => "fish",
            Aisle::Dairy => "dairy",
            Aisle::Eggs => "eggs",
            Aisle::Grains => "grains",
            Aisle::Legumes => "legumes",
            Aisle::Canned => "canned",
            Aisle::Condiments => "condiments",
            Aisle::Oils => "oils",
            Aisle::Spices => "spices",
            Aisle::Baking => "baking",
            Aisle::Nuts => "nuts",
            Aisle::Snacks => "snacks",
            Aisle::Frozen => "frozen",
            Aisle::Beverages => "beverages",
            Aisle::Other => "other",
        }
    }

    /// The heading people see on a shopping list.
    pub fn title(self, spanish: bool) -> &'static str {
        match (self, spanish) {
            (Aisle::Produce, false) => "Fruit & vegetables",
            (Aisle::Produce, true) => "Frutas y verduras",
            (Aisle::Bakery, false) => "Bakery",
            (Aisle::Bakery, true) => "Panadería",
            (Aisle::Meat, false) => "Meat",
            (Aisle::Meat, true) => "Carnicería",
            (Aisle::Fish, false) => "Fish & seafood",
            (Aisle::Fish, true) => "Pescadería",
            (Aisle::Dairy, false) => "Dairy",
            (Aisle::Dairy, true) => "Lácteos",
            (Aisle::Eggs, false) => "Eggs",
            (Aisle::Eggs, true) => "Huevos",
            (Aisle::Grains, false) => "Rice, pasta & grains",
            (Aisle::Grains, true) => "Arroz, pastas y cereales",
            (Aisle::Legumes, false) => "Beans & legumes",
            (Aisle::Legumes, true) => "Legumbres",
            (Aisle::Canned, false) => "Canned goods",
            (Aisle::Canned, true) => "Conservas",
            (Aisle::Condiments, false) => "Sauces & condiments",
            (Aisle::Condiments, true) => "Salsas y condimentos",
            (Aisle::Oils, false) => "Oils & vinegars",
            (Aisle::Oils, true) => "Aceites y vinagres",
            (Aisle::Spices, false) => "Herbs & spices",
            (Aisle::Spices, true) => "Especias",
            (Aisle::Baking, false) => "Baking",
            (Aisle::Baking, true) => "Repostería",
            (Aisle::Nuts, false) => "Nuts & seeds",
            (Aisle::Nuts, true) => "Frutos secos y semillas",
            (Aisle::Snacks, false) => "Snacks",
            (Aisle::Snacks, true) => "Snacks",
            (Aisle::Frozen, false) => "Frozen",
            (Aisle::Frozen, true) => "Congelados",
            (Aisle::Beverages, false) => "Drinks",
            (Aisle::Beverages, true) => "Bebidas",
            (Aisle::Other, false) => "Other",
            (Aisle::Other, true) => "Otros",
        }
    }
}

impl fmt::Display for Aisle {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Aisle {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Aisle::ALL
            .into_iter()
            .find(|a| a.name() == s.trim())
            .ok_or_else(|| format!("unknown aisle \"{s}\""))
    }
}

/// One food of the table.
#[derive(Debug, Clone)]
pub struct Food {
    pub id: FoodId,
    /// Canonical English name, lowercase ("green onion").
    pub name: String,
    /// USDA SR28 NDB number the nutrients come from.
    pub ndb: String,
    pub group: String,
    pub per_100g: Nutrients,
    /// Density in grams per millilitre, from USDA household measures.
    pub g_per_ml: Option<f64>,
    /// Weight of one piece as a cook counts it (an egg, a clove of garlic).
    pub piece_g: Option<f64>,
    /// Weight of a bunch (parsley, spinach).
    pub bunch_g: Option<f64>,
    /// Rough price per kilogram as bought, when known.
    pub price_per_kg: Option<f64>,
    pub aisle: Aisle,
    pub flags: FoodFlags,
    pub aliases_en: Vec<String>,
    pub aliases_es: Vec<String>,
}

impl Food {
    /// The name to show, in Spanish when asked and known.
    pub fn display_name(&self, spanish: bool) -> &str {
        if spanish && let Some(es) = self.aliases_es.first() {
            return es;
        }
        &self.name
    }

    /// The name for `count` of it in a list: "2 lemons", "1 huevo",
    /// "3 huevos"; the plural is the alias that adds -s/-es to the name.
    pub fn name_for(&self, spanish: bool, count: f64) -> String {
        let singular = self.display_name(spanish).to_string();
        if count <= 1.0 {
            return singular;
        }
        let aliases = if spanish {
            &self.aliases_es
        } else {
            &self.aliases_en
        };
        let folded = super::text::fold_name(&singular);
        aliases
            .iter()
            .find(|a| {
                let f = super::text::fold_name(a);
                f == format!("{folded}s")
                    || f == format!("{folded}es")
                    || folded.ends_with('y') && f == format!("{}ies", &folded[..folded.len() - 1])
            })
            .cloned()
            .unwrap_or(singular)
    }

    /// True for foods a cook counts rather than weighs (eggs, onions, lemons).
    pub fn is_counted(&self) -> bool {
        self.piece_g.is_some() && matches!(self.aisle, Aisle::Produce | Aisle::Eggs | Aisle::Bakery)
    }

    /// True for liquids people buy by volume (milk, oil, stock, wine).
    pub fn is_liquid(&self) -> bool {
        matches!(self.aisle, Aisle::Oils | Aisle::Beverages)
            || (self.g_per_ml.is_some_and(|d| (0.85..=1.1).contains(&d))
                && [
                    "milk", "stock", "broth", "juice", "cream", "wine", "vinegar", "water", "sauce",
                ]
                .iter()
                .any(|w| self.name.contains(w)))
    }
}

/// The table of foods and the index from every folded alias to its food.
#[derive(Debug)]
pub struct FoodTable {
    foods: Vec<Food>,
    by_alias: FxHashMap<Box<str>, FoodId>,
    /// Every word of every name and alias, folded.
    alias_words: FxHashSet<Box<str>>,
    /// Per food, the food it is a form of ("canned chickpeas" →
    /// "chickpeas"), or itself.
    family: Vec<FoodId>,
    max_alias_words: usize,
}

/// Food groups whose foods are cuts named after the animal ("chicken
/// breast", "pork loin", "salmon fillet").
const CUT_GROUPS: &[&str] = &["poultry", "beef", "pork", "lamb_game", "fish"];

/// Words naming the state a food is sold or kept in, not another food.
const FORM_WORDS: &[&str] = &[
    "canned", "tinned", "dried", "dry", "frozen", "fresh", "cooked", "raw",
];

/// The table compiled into the binary from `data/foods.tsv`.
static BUILTIN: LazyLock<FoodTable> = LazyLock::new(|| {
    FoodTable::parse(include_str!("../../data/foods.tsv"))
        .unwrap_or_else(|e| panic!("data/foods.tsv is malformed (a build defect): {e}"))
});

const COLUMNS: [&str; 18] = [
    "name",
    "ndb",
    "group",
    "kcal",
    "protein_g",
    "fat_g",
    "carbs_g",
    "fiber_g",
    "sugar_g",
    "sodium_mg",
    "g_per_ml",
    "piece_g",
    "bunch_g",
    "price_per_kg",
    "aisle",
    "flags",
    "aliases_en",
    "aliases_es",
];

impl FoodTable {
    /// The food table shipped with the program.
    pub fn builtin() -> &'static FoodTable {
        &BUILTIN
    }

    /// Parses the tab-separated table (header line first).
    pub fn parse(tsv: &str) -> Result<FoodTable, String> {
        let mut lines = tsv.lines().enumerate();
        let header: Vec<&str> = lines
            .next()
            .map(|(_, l)| l.split('\t').collect())
            .ok_or("empty food table")?;
        if header != COLUMNS {
            return Err(format!("header should be {COLUMNS:?}, found {header:?}"));
        }
        let mut foods = Vec::new();
        for (n, line) in lines {
            if line.trim().is_empty() {
                continue;
            }
            let cols: Vec<&str> = line.split('\t').collect();
            if cols.len() != COLUMNS.len() {
                return Err(format!(
                    "line {}: {} columns, expected {}",
                    n + 1,
                    cols.len(),
                    COLUMNS.len()
                ));
            }
            let num = |i: usize| -> Result<f64, String> {
                if cols[i].is_empty() {
                    return Ok(0.0);
                }
                cols[i].parse::<f64>().map_err(|_| {
                    format!(
                        "line {}: {} is not a number: {:?}",
                        n + 1,
                        COLUMNS[i],
                        cols[i]
                    )
                })
            };
            let opt = |i: usize| -> Result<Option<f64>, String> {
                if cols[i].is_empty() {
                    Ok(None)
                } else {
                    num(i).map(|v| (v > 0.0).then_some(v))
                }
            };
            let list = |i: usize| -> Vec<String> {
                cols[i]
                    .split('|')
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(str::to_string)
                    .collect()
            };
            let id = FoodId(u32::try_from(foods.len()).map_err(|_| "too many foods")?);
            foods.push(Food {
                id,
                name: cols[0].trim().to_string(),
                ndb: cols[1].to_string(),
                group: cols[2].to_string(),
                per_100g: Nutrients {
                    kcal: num(3)?,
                    protein_g: num(4)?,
                    fat_g: num(5)?,
                    carbs_g: num(6)?,
                    fiber_g: num(7)?,
                    sugar_g: num(8)?,
                    sodium_mg: num(9)?,
                },
                g_per_ml: opt(10)?,
                piece_g: opt(11)?,
                bunch_g: opt(12)?,
                price_per_kg: opt(13)?,
                aisle: cols[14]
                    .parse()
                    .map_err(|e| format!("line {}: {e}", n + 1))?,
                flags: FoodFlags::parse_list(cols[15])
                    .map_err(|e| format!("line {}: {e}", n + 1))?,
                aliases_en: list(16),
                aliases_es: list(17),
            });
        }
        Ok(FoodTable::from_foods(foods))
    }

    /// Builds the alias index. Explicit names and aliases win over the
    /// plural/singular variants generated for them.
    pub fn from_foods(foods: Vec<Food>) -> FoodTable {
        let mut by_alias: FxHashMap<Box<str>, FoodId> = FxHashMap::default();
        let mut max_alias_words = 1;
        let mut insert = |key: String, id: FoodId, map: &mut FxHashMap<Box<str>, FoodId>| {
            if key.is_empty() {
                return;
            }
            max_alias_words = max_alias_words.max(key.split(' ').count());
            map.entry(key.into_boxed_str()).or_insert(id);
        };
        for food in &foods {
            insert(fold_name(&food.name), food.id, &mut by_alias);
            for alias in food.aliases_en.iter().chain(&food.aliases_es) {
                insert(fold_name(alias), food.id, &mut by_alias);
            }
        }
        for food in &foods {
            let names = std::iter::once(&food.name)
                .chain(&food.aliases_en)
                .chain(&food.aliases_es);
            for name in names {
                for variant in number_variants(&fold_name(name)) {
                    insert(variant, food.id, &mut by_alias);
                }
            }
        }
        let alias_words = by_alias
            .keys()
            .flat_map(|k| k.split(' '))
            .map(Box::from)
            .collect();
        // "canned chickpeas", "frozen peas", "cooked rice": a form of the
        // food named without the state word, when the table has it.
        let family = foods
            .iter()
            .map(|food| {
                let folded = fold_name(&food.name);
                let base: Vec<&str> = folded
                    .split(' ')
                    .filter(|w| !FORM_WORDS.contains(w))
                    .collect();
                if base.is_empty() || base.len() == folded.split(' ').count() {
                    return food.id;
                }
                // A form keeps its food's group: "frozen yogurt" is a sweet,
                // not a form of yogurt.
                by_alias
                    .get(base.join(" ").as_str())
                    .copied()
                    .filter(|b| foods[b.0 as usize].group == food.group)
                    .unwrap_or(food.id)
            })
            .collect();
        FoodTable {
            foods,
            by_alias,
            alias_words,
            family,
            max_alias_words,
        }
    }

    pub fn len(&self) -> usize {
        self.foods.len()
    }

    pub fn is_empty(&self) -> bool {
        self.foods.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = &Food> {
        self.foods.iter()
    }

    pub fn get(&self, id: FoodId) -> &Food {
        &self.foods[id.0 as usize]
    }

    /// The food a name or alias refers to, in either language, any case,
    /// with or without accents, singular or plural.
    pub fn lookup(&self, name: &str) -> Option<&Food> {
        self.lookup_folded(&fold_name(name)).map(|id| self.get(id))
    }

    /// The food `id` is a form of ("canned chickpeas" → "chickpeas"), or
    /// `id` itself: what "we have chickpeas" and "recipes with chickpeas"
    /// match on.
    pub fn family(&self, id: FoodId) -> FoodId {
        self.family.get(id.0 as usize).copied().unwrap_or(id)
    }

    /// The foods a search for `id` also means: its forms ("rice" → cooked
    /// rice; not basmati rice, rice noodles or sweet potatoes for
    /// "potato") and, for meat, poultry and fish, the cuts its name names
    /// ("chicken" → chicken breast, chicken thighs, whole chicken; "chicken
    /// breast" → bone-in chicken breast). Includes `id`.
    pub fn related(&self, id: FoodId) -> Vec<FoodId> {
        let food = self.get(id);
        let family = self.family(id);
        let folded = fold_name(&food.name);
        let base: Vec<&str> = folded
            .split(' ')
            .filter(|w| !FORM_WORDS.contains(w) && *w != "whole")
            .collect();
        let cuts = CUT_GROUPS.contains(&food.group.as_str()) && !base.is_empty();
        let mut out: Vec<FoodId> = self
            .foods
            .iter()
            .filter(|f| {
                f.id == id
                    || self.family(f.id) == family
                    || cuts && f.group == food.group && {
                        let name = fold_name(&f.name);
                        let words: Vec<&str> = name.split(' ').collect();
                        base.iter().all(|b| words.contains(b))
                    }
            })
            .map(|f| f.id)
            .collect();
        out.sort_unstable();
        out
    }

    /// The foods a pantry item of `id` stands for, besides its forms
    /// (which share its [`family`](Self::family)): the cuts of a whole
    /// animal ("whole chicken" → breasts and thighs too), not those of a
    /// canned or processed one.
    pub fn on_hand_as(&self, id: FoodId) -> Vec<FoodId> {
        let name = fold_name(&self.get(id).name);
        if name.split(' ').filter(|w| *w != "whole").count() == 1 {
            self.related(id)
        } else {
            vec![id]
        }
    }

    /// The food a pantry or list item's name is about: its exact name or
    /// alias, else the longest food named inside it ("rotisserie chicken"
    /// → whole chicken).
    pub fn food_in(&self, name: &str) -> Option<&Food> {
        let folded = fold_name(name);
        if let Some(id) = self.lookup_folded(&folded) {
            return Some(self.get(id));
        }
        let (words, offsets) = super::text::split_words(&folded);
        self.find_in(&words, &folded, &offsets)
            .map(|(id, _, _)| self.get(id))
    }

    /// True when a folded word is part of some food's name or alias
    /// ("smoked" of "smoked salmon", "de" of "pan de molde").
    pub fn names_word(&self, folded_word: &str) -> bool {
        self.alias_words.contains(folded_word)
    }

    /// Lookup of an already folded name.
    pub fn lookup_folded(&self, folded: &str) -> Option<FoodId> {
        self.by_alias.get(folded).copied()
    }

    /// The longest alias found inside a folded phrase, as
    /// `(food, first word index, word count)`. Longer matches win ("green
    /// onions" over "onions"); among equals the earliest wins.
    pub fn find_in(
        &self,
        words: &[&str],
        phrase: &str,
        offsets: &[usize],
    ) -> Option<(FoodId, usize, usize)> {
        let n = words.len();
        for len in (1..=self.max_alias_words.min(n)).rev() {
            for start in 0..=(n - len) {
                let from = offsets[start];
                let to = offsets[start + len - 1] + words[start + len - 1].len();
                if let Some(id) = self.by_alias.get(&phrase[from..to]) {
                    return Some((*id, start, len));
                }
            }
        }
        None
    }

    /// The content flags for a food name: from the table when known, else
    /// a cautious guess from the words.
    pub fn flags_for(&self, name: &str) -> FoodFlags {
        match self.lookup(name) {
            Some(food) => food.flags,
            None => FoodFlags::guess_from_name(&fold_name(name)),
        }
    }

    /// True when the table has at least one food with the flag; used by tests.
    pub fn any_with(&self, flag: Flag) -> bool {
        self.foods.iter().any(|f| f.flags.has(flag))
    }
}

/// Singular and plural spellings of a folded name, changing its last word:
/// "tomato" → "tomatos", "tomatoes"; "limones" → "limon"; "berries" → "berry".
fn number_variants(folded: &str) -> Vec<String> {
    let (head, last) = match folded.rsplit_once(' ') {
        Some((h, l)) => (format!("{h} "), l),
        None => (String::new(), folded),
    };
    let mut out = Vec::with_capacity(4);
    let mut push = |w: String| {
        if w.len() > 1 {
            out.push(format!("{head}{w}"));
        }
    };
    if let Some(stem) = last.strip_suffix("ies") {
        push(format!("{stem}y"));
    } else if let Some(stem) = last.strip_suffix("es") {
        push(stem.to_string());
        push(format!("{stem}e"));
    } else if let Some(stem) = last.strip_suffix('s') {
        push(stem.to_string());
    } else {
        push(format!("{last}s"));
        if let Some(stem) = last.strip_suffix('y') {
            push(format!("{stem}ies"));
        } else {
            push(format!("{last}es"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn number_variants_cover_common_plurals() {
        assert!(number_variants("tomato").contains(&"tomatoes".to_string()));
        assert!(number_variants("limones").contains(&"limon".to_string()));
        assert!(number_variants("berries").contains(&"berry".to_string()));
        assert!(number_variants("green onion").contains(&"green onions".to_string()));
    }

    #[test]
    fn forms_of_a_food_belong_to_its_family_and_items_find_their_food() {
        let t = FoodTable::builtin();
        let id = |name: &str| t.lookup(name).map(|f| f.id).expect(name);
        assert_eq!(t.family(id("canned chickpeas")), id("chickpeas"));
        assert_eq!(t.family(id("chickpeas")), id("chickpeas"));
        assert_eq!(t.family(id("canned tomatoes")), id("tomato"));
        assert_eq!(t.family(id("chickpea flour")), id("chickpea flour"));
        assert_eq!(
            t.food_in("Rotisserie chicken").map(|f| f.id),
            Some(id("whole chicken"))
        );
        assert_eq!(t.food_in("garbanzos").map(|f| f.id), Some(id("chickpeas")));
        assert!(t.food_in("dish soap").is_none());

        let related = |name: &str| -> Vec<String> {
            t.related(id(name))
                .into_iter()
                .map(|r| t.get(r).name.clone())
                .collect()
        };
        let chicken = related("chicken");
        for cut in ["chicken breast", "whole chicken"] {
            assert!(chicken.contains(&cut.to_string()), "{chicken:?}");
        }
        assert!(
            !chicken.contains(&"chicken broth".to_string()),
            "{chicken:?}"
        );
        let rice = related("rice");
        assert!(rice.contains(&"cooked rice".to_string()), "{rice:?}");
        assert!(!rice.contains(&"rice noodles".to_string()), "{rice:?}");
        assert!(!related("potato").contains(&"sweet potato".to_string()));
        assert!(!related("milk").iter().any(|n| n.contains("condensed")));
        let breast = related("chicken breast");
        assert!(
            breast.iter().all(|n| n.ends_with("chicken breast")),
            "{breast:?}"
        );
    }

    #[test]
    fn builtin_table_loads_and_resolves_names_in_both_languages() {
        let table = FoodTable::builtin();
        assert!(table.len() >= 1000, "only {} foods", table.len());
        for (name, canonical) in [
            ("huevos", "egg"),
            ("Eggs", "egg"),
            ("tomates", "tomato"),
            ("scallions", "green onion"),
            ("green onions", "green onion"),
            ("cebolla de verdeo", "green onion"),
            ("palta", "avocado"),
            ("carne picada", "ground beef"),
        ] {
            let food = table
                .lookup(name)
                .unwrap_or_else(|| panic!("{name} not found"));
            assert_eq!(food.name, canonical, "{name}");
        }
    }

    #[test]
    fn builtin_table_has_flags_and_measures() {
        let table = FoodTable::builtin();
        let egg = table.lookup("egg").unwrap();
        assert!(egg.flags.has(Flag::Egg));
        assert!((45.0..=60.0).contains(&egg.piece_g.unwrap()));
        let oil = table.lookup("olive oil").unwrap();
        assert!((0.85..=0.95).contains(&oil.g_per_ml.unwrap()));
        assert!(table.lookup("flour").unwrap().flags.has(Flag::Gluten));
        assert!(
            table
                .lookup("chicken breast")
                .unwrap()
                .flags
                .has(Flag::Meat)
        );
        assert!(!table.lookup("nutmeg").unwrap().flags.has(Flag::Nuts));
        assert!(table.lookup("shrimp").unwrap().flags.has(Flag::Shellfish));
        assert!(table.any_with(Flag::Sesame));
    }
}
