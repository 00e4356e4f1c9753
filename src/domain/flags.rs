//! What a food contains that matters to a diet or an allergy, and the diets
//! and allergens a household declares. Recipe flags are always derived from
//! ingredients through these, never taken from a tag.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// A set of content flags, one bit each.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct FoodFlags(u32);

/// One content flag. The names are the vocabulary of `data/foods.tsv`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Flag {
    Meat,
    Poultry,
    Fish,
    Shellfish,
    Dairy,
    Egg,
    Gluten,
    Nuts,
    Peanuts,
    Soy,
    Sesame,
    Celery,
    Mustard,
    Sulphites,
    Lupin,
    /// Any other animal product that makes a food unsuitable for vegans.
    Animal,
}

impl Flag {
    pub const ALL: [Flag; 16] = [
        Flag::Meat,
        Flag::Poultry,
        Flag::Fish,
        Flag::Shellfish,
        Flag::Dairy,
        Flag::Egg,
        Flag::Gluten,
        Flag::Nuts,
        Flag::Peanuts,
        Flag::Soy,
        Flag::Sesame,
        Flag::Celery,
        Flag::Mustard,
        Flag::Sulphites,
        Flag::Lupin,
        Flag::Animal,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Flag::Meat => "meat",
            Flag::Poultry => "poultry",
            Flag::Fish => "fish",
            Flag::Shellfish => "shellfish",
            Flag::Dairy => "dairy",
            Flag::Egg => "egg",
            Flag::Gluten => "gluten",
            Flag::Nuts => "nuts",
            Flag::Peanuts => "peanuts",
            Flag::Soy => "soy",
            Flag::Sesame => "sesame",
            Flag::Celery => "celery",
            Flag::Mustard => "mustard",
            Flag::Sulphites => "sulphites",
            Flag::Lupin => "lupin",
            Flag::Animal => "animal",
        }
    }

    fn bit(self) -> u32 {
        1 << (self as u32)
    }
}

impl FromStr for Flag {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Flag::ALL
            .into_iter()
            .find(|f| f.name() == s.trim())
            .ok_or_else(|| format!("unknown food flag \"{s}\""))
    }
}

impl FoodFlags {
    pub const EMPTY: FoodFlags = FoodFlags(0);

    pub fn with(self, flag: Flag) -> FoodFlags {
        FoodFlags(self.0 | flag.bit())
    }

    pub fn without(self, flag: Flag) -> FoodFlags {
        FoodFlags(self.0 & !flag.bit())
    }

    pub fn has(self, flag: Flag) -> bool {
        self.0 & flag.bit() != 0
    }

    pub fn union(self, other: FoodFlags) -> FoodFlags {
        FoodFlags(self.0 | other.0)
    }

    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    pub fn iter(self) -> impl Iterator<Item = Flag> {
        Flag::ALL.into_iter().filter(move |f| self.has(*f))
    }

    /// Parses a comma-separated list of flag names ("meat,poultry").
    pub fn parse_list(list: &str) -> Result<FoodFlags, String> {
        let mut flags = FoodFlags::EMPTY;
        for part in list.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            flags = flags.with(part.parse()?);
        }
        Ok(flags)
    }

    /// True when a food with these flags fits the diet.
    pub fn suits(self, diet: Diet) -> bool {
        let any = |fs: &[Flag]| fs.iter().any(|f| self.has(*f));
        match diet {
            Diet::Vegetarian => !any(&[Flag::Meat, Flag::Poultry, Flag::Fish, Flag::Shellfish]),
            Diet::Vegan => !any(&[
                Flag::Meat,
                Flag::Poultry,
                Flag::Fish,
                Flag::Shellfish,
                Flag::Dairy,
                Flag::Egg,
                Flag::Animal,
            ]),
            Diet::Pescatarian => !any(&[Flag::Meat, Flag::Poultry]),
            Diet::GlutenFree => !self.has(Flag::Gluten),
            Diet::DairyFree => !self.has(Flag::Dairy),
        }
    }

    /// True when a food with these flags contains the allergen.
    pub fn contains(self, allergen: Allergen) -> bool {
        self.has(allergen.flag())
    }

    /// The allergens these flags contain, in a stable order.
    pub fn allergens(self) -> Vec<Allergen> {
        Allergen::ALL
            .into_iter()
            .filter(|a| self.contains(*a))
            .collect()
    }

    /// The diets these flags fit, in a stable order.
    pub fn diets(self) -> Vec<Diet> {
        Diet::ALL.into_iter().filter(|d| self.suits(*d)).collect()
    }

    /// A cautious guess from a food's name, for ingredients the food table
    /// does not know ("gruyère", "prosciutto"): it errs towards flagging, so
    /// an unknown cheese never reaches a vegan plan.
    pub fn guess_from_name(folded_name: &str) -> FoodFlags {
        const RULES: &[(&str, &[Flag])] = &[
            ("chicken", &[Flag::Meat, Flag::Poultry]),
            ("pollo", &[Flag::Meat, Flag::Poultry]),
            ("turkey", &[Flag::Meat, Flag::Poultry]),
            ("pavo", &[Flag::Meat, Flag::Poultry]),
            ("duck", &[Flag::Meat, Flag::Poultry]),
            ("beef", &[Flag::Meat]),
            ("steak", &[Flag::Meat]),
            ("pork", &[Flag::Meat]),
            ("bacon", &[Flag::Meat]),
            ("ham", &[Flag::Meat]),
            ("prosciutto", &[Flag::Meat]),
            ("salami", &[Flag::Meat]),
            ("sausage", &[Flag::Meat]),
            ("chorizo", &[Flag::Meat]),
            ("lamb", &[Flag::Meat]),
            ("veal", &[Flag::Meat]),
            ("carne", &[Flag::Meat]),
            ("cerdo", &[Flag::Meat]),
            ("jamon", &[Flag::Meat]),
            ("panceta", &[Flag::Meat]),
            ("lard", &[Flag::Animal]),
            ("gelatin", &[Flag::Animal]),
            ("honey", &[Flag::Animal]),
            ("miel", &[Flag::Animal]),
            ("fish", &[Flag::Fish]),
            ("pescado", &[Flag::Fish]),
            ("salmon", &[Flag::Fish]),
            ("tuna", &[Flag::Fish]),
            ("atun", &[Flag::Fish]),
            ("anchov", &[Flag::Fish]),
            ("cod", &[Flag::Fish]),
            ("shrimp", &[Flag::Shellfish]),
            ("prawn", &[Flag::Shellfish]),
            ("crab", &[Flag::Shellfish]),
            ("lobster", &[Flag::Shellfish]),
            ("mussel", &[Flag::Shellfish]),
            ("clam", &[Flag::Shellfish]),
            ("oyster", &[Flag::Shellfish]),
            ("scallop", &[Flag::Shellfish]),
            ("squid", &[Flag::Shellfish]),
            ("camaron", &[Flag::Shellfish]),
            ("gamba", &[Flag::Shellfish]),
            ("langostino", &[Flag::Shellfish]),
            ("cheese", &[Flag::Dairy]),
            ("queso", &[Flag::Dairy]),
            ("milk", &[Flag::Dairy]),
            ("leche", &[Flag::Dairy]),
            ("cream", &[Flag::Dairy]),
            ("crema", &[Flag::Dairy]),
            ("butter", &[Flag::Dairy]),
            ("manteca", &[Flag::Dairy]),
            ("mantequilla", &[Flag::Dairy]),
            ("yogurt", &[Flag::Dairy]),
            ("yoghurt", &[Flag::Dairy]),
            ("egg", &[Flag::Egg]),
            ("huevo", &[Flag::Egg]),
            ("mayo", &[Flag::Egg]),
            ("flour", &[Flag::Gluten]),
            ("harina", &[Flag::Gluten]),
            ("bread", &[Flag::Gluten]),
            ("pan ", &[Flag::Gluten]),
            ("pasta", &[Flag::Gluten]),
            ("noodle", &[Flag::Gluten]),
            ("wheat", &[Flag::Gluten]),
            ("trigo", &[Flag::Gluten]),
            ("barley", &[Flag::Gluten]),
            ("beer", &[Flag::Gluten]),
            ("crust", &[Flag::Gluten]),
            ("dough", &[Flag::Gluten]),
            ("pastry", &[Flag::Gluten]),
            ("cracker", &[Flag::Gluten]),
            ("biscuit", &[Flag::Gluten]),
            ("cookie", &[Flag::Gluten]),
            ("cake", &[Flag::Gluten]),
            ("bagel", &[Flag::Gluten]),
            ("croissant", &[Flag::Gluten]),
            ("bun", &[Flag::Gluten]),
            ("masa hojaldre", &[Flag::Gluten]),
            ("galleta", &[Flag::Gluten]),
            ("fideo", &[Flag::Gluten]),
            ("tapa", &[Flag::Gluten]),
            ("almond", &[Flag::Nuts]),
            ("walnut", &[Flag::Nuts]),
            ("cashew", &[Flag::Nuts]),
            ("pecan", &[Flag::Nuts]),
            ("pistachio", &[Flag::Nuts]),
            ("hazelnut", &[Flag::Nuts]),
            ("nuez", &[Flag::Nuts]),
            ("nueces", &[Flag::Nuts]),
            ("almendra", &[Flag::Nuts]),
            ("peanut", &[Flag::Peanuts]),
            ("mani", &[Flag::Peanuts]),
            ("cacahuete", &[Flag::Peanuts]),
            ("soy", &[Flag::Soy]),
            ("soja", &[Flag::Soy]),
            ("tofu", &[Flag::Soy]),
            ("miso", &[Flag::Soy]),
            ("sesame", &[Flag::Sesame]),
            ("sesamo", &[Flag::Sesame]),
            ("tahini", &[Flag::Sesame]),
            ("mustard", &[Flag::Mustard]),
            ("mostaza", &[Flag::Mustard]),
            ("celery", &[Flag::Celery]),
            ("apio", &[Flag::Celery]),
        ];
        // Names that contain a needle without being that food: rewrite them
        // first ("peanut butter" is not dairy, "eggplant" holds no egg).
        const FALSE_FRIENDS: &[(&str, &str)] = &[
            ("nutmeg", "spice"),
            ("butternut", "squash"),
            ("eggplant", "aubergine"),
            ("coconut milk", "coconut"),
            ("coconut cream", "coconut"),
            ("almond milk", "almond"),
            ("cashew milk", "cashew"),
            ("oat milk", "oat"),
            ("rice milk", "rice"),
            ("soy milk", "soy"),
            ("peanut butter", "peanut"),
            ("almond butter", "almond"),
            ("cocoa butter", "cocoa"),
            ("cream of tartar", "tartar"),
            ("rice noodle", "rice"),
            ("ice cream", "ice cream"),
        ];
        let mut padded = format!(" {folded_name} ");
        for (from, to) in FALSE_FRIENDS {
            if padded.contains(from) {
                padded = padded.replace(from, to);
            }
        }
        let mut flags = FoodFlags::EMPTY;
        for (needle, add) in RULES {
            if padded.contains(needle) {
                for f in add.iter() {
                    flags = flags.with(*f);
                }
            }
        }
        flags
    }
}

/// The diets a household or member can follow.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Diet {
    Vegetarian,
    Vegan,
    Pescatarian,
    GlutenFree,
    DairyFree,
}

impl Diet {
    pub const ALL: [Diet; 5] = [
        Diet::Vegetarian,
        Diet::Vegan,
        Diet::Pescatarian,
        Diet::GlutenFree,
        Diet::DairyFree,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Diet::Vegetarian => "vegetarian",
            Diet::Vegan => "vegan",
            Diet::Pescatarian => "pescatarian",
            Diet::GlutenFree => "gluten_free",
            Diet::DairyFree => "dairy_free",
        }
    }

    pub fn name_es(self) -> &'static str {
        match self {
            Diet::Vegetarian => "vegetariana",
            Diet::Vegan => "vegana",
            Diet::Pescatarian => "pescetariana",
            Diet::GlutenFree => "sin gluten",
            Diet::DairyFree => "sin lácteos",
        }
    }
}

impl fmt::Display for Diet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Diet {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let key = super::text::fold_name(s).replace(' ', "_");
        let diet = match key.as_str() {
            "vegetarian" | "vegetariano" | "vegetariana" | "veggie" => Diet::Vegetarian,
            "vegan" | "vegano" | "vegana" | "plant_based" => Diet::Vegan,
            "pescatarian" | "pescetarian" | "pescetariano" | "pescetariana" | "pescatariano"
            | "pescatariana" => Diet::Pescatarian,
            "gluten_free" | "glutenfree" | "sin_gluten" | "celiac" | "celiaco" | "celiaca" => {
                Diet::GlutenFree
            }
            "dairy_free" | "dairyfree" | "sin_lacteos" | "sin_lactosa" | "lactose_free" => {
                Diet::DairyFree
            }
            _ => {
                return Err(format!(
                    "unknown diet \"{s}\": use vegetarian, vegan, pescatarian, gluten_free or dairy_free"
                ));
            }
        };
        Ok(diet)
    }
}

/// The major allergens (EU 14 / US 9, with molluscs and crustaceans together
/// as shellfish and cereals containing gluten as gluten).
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Allergen {
    Gluten,
    Shellfish,
    Egg,
    Fish,
    Peanuts,
    Soy,
    Dairy,
    Nuts,
    Celery,
    Mustard,
    Sesame,
    Sulphites,
    Lupin,
}

impl Allergen {
    pub const ALL: [Allergen; 13] = [
        Allergen::Gluten,
        Allergen::Shellfish,
        Allergen::Egg,
        Allergen::Fish,
        Allergen::Peanuts,
        Allergen::Soy,
        Allergen::Dairy,
        Allergen::Nuts,
        Allergen::Celery,
        Allergen::Mustard,
        Allergen::Sesame,
        Allergen::Sulphites,
        Allergen::Lupin,
    ];

    pub fn flag(self) -> Flag {
        match self {
            Allergen::Gluten => Flag::Gluten,
            Allergen::Shellfish => Flag::Shellfish,
            Allergen::Egg => Flag::Egg,
            Allergen::Fish => Flag::Fish,
            Allergen::Peanuts => Flag::Peanuts,
            Allergen::Soy => Flag::Soy,
            Allergen::Dairy => Flag::Dairy,
            Allergen::Nuts => Flag::Nuts,
            Allergen::Celery => Flag::Celery,
            Allergen::Mustard => Flag::Mustard,
            Allergen::Sesame => Flag::Sesame,
            Allergen::Sulphites => Flag::Sulphites,
            Allergen::Lupin => Flag::Lupin,
        }
    }

    pub fn name(self) -> &'static str {
        self.flag().name()
    }

    pub fn name_es(self) -> &'static str {
        match self {
            Allergen::Gluten => "gluten",
            Allergen::Shellfish => "mariscos",
            Allergen::Egg => "huevo",
            Allergen::Fish => "pescado",
            Allergen::Peanuts => "maní",
            Allergen::Soy => "soja",
            Allergen::Dairy => "lácteos",
            Allergen::Nuts => "frutos secos",
            Allergen::Celery => "apio",
            Allergen::Mustard => "mostaza",
            Allergen::Sesame => "sésamo",
            Allergen::Sulphites => "sulfitos",
            Allergen::Lupin => "altramuz",
        }
    }
}

impl fmt::Display for Allergen {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Allergen {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let key = super::text::fold_name(s);
        let allergen = match key.as_str() {
            "gluten" | "wheat" | "trigo" | "celiac" => Allergen::Gluten,
            "shellfish" | "crustaceans" | "crustacean" | "molluscs" | "mollusks" | "mariscos"
            | "marisco" | "shrimp" => Allergen::Shellfish,
            "egg" | "eggs" | "huevo" | "huevos" => Allergen::Egg,
            "fish" | "pescado" => Allergen::Fish,
            "peanut" | "peanuts" | "mani" | "cacahuete" | "cacahuetes" | "cacahuate" => {
                Allergen::Peanuts
            }
            "soy" | "soya" | "soja" => Allergen::Soy,
            "dairy" | "milk" | "lactose" | "lacteos" | "leche" | "lactosa" => Allergen::Dairy,
            "nuts" | "nut" | "tree nuts" | "tree nut" | "frutos secos" | "nueces" => Allergen::Nuts,
            "celery" | "apio" => Allergen::Celery,
            "mustard" | "mostaza" => Allergen::Mustard,
            "sesame" | "sesamo" => Allergen::Sesame,
            "sulphites" | "sulfites" | "sulfitos" | "sulphite" | "sulfite" => Allergen::Sulphites,
            "lupin" | "lupine" | "altramuz" | "altramuces" => Allergen::Lupin,
            _ => {
                return Err(format!(
                    "unknown allergen \"{s}\": use gluten, shellfish, egg, fish, peanuts, soy, dairy, nuts, celery, mustard, sesame, sulphites or lupin"
                ));
            }
        };
        Ok(allergen)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn diets_follow_flags() {
        let cheese = FoodFlags::EMPTY.with(Flag::Dairy);
        assert!(cheese.suits(Diet::Vegetarian));
        assert!(!cheese.suits(Diet::Vegan));
        assert!(!cheese.suits(Diet::DairyFree));
        let salmon = FoodFlags::EMPTY.with(Flag::Fish);
        assert!(salmon.suits(Diet::Pescatarian));
        assert!(!salmon.suits(Diet::Vegetarian));
        let honey = FoodFlags::EMPTY.with(Flag::Animal);
        assert!(honey.suits(Diet::Vegetarian));
        assert!(!honey.suits(Diet::Vegan));
    }

    #[test]
    fn guesses_are_cautious_and_avoid_false_friends() {
        assert!(FoodFlags::guess_from_name("gruyere cheese").has(Flag::Dairy));
        assert!(FoodFlags::guess_from_name("prosciutto").has(Flag::Meat));
        assert!(!FoodFlags::guess_from_name("nutmeg").has(Flag::Nuts));
        assert!(!FoodFlags::guess_from_name("butternut squash").has(Flag::Nuts));
        assert!(FoodFlags::guess_from_name("peanut butter").has(Flag::Peanuts));
        assert!(!FoodFlags::guess_from_name("peanut butter").has(Flag::Dairy));
        assert!(!FoodFlags::guess_from_name("coconut milk").has(Flag::Dairy));
        assert!(!FoodFlags::guess_from_name("eggplant").has(Flag::Egg));
    }

    #[test]
    fn parses_names_in_both_languages() {
        assert_eq!("sin gluten".parse::<Diet>(), Ok(Diet::GlutenFree));
        assert_eq!("Vegana".parse::<Diet>(), Ok(Diet::Vegan));
        assert_eq!("maní".parse::<Allergen>(), Ok(Allergen::Peanuts));
        assert!("keto".parse::<Diet>().is_err());
    }
}
