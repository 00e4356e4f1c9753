//! Hard constraints, never violated by a generated plan: the diets,
//! allergies and dislikes of everyone a slot serves, the time limit, and
//! recipes suited to the slot's meal type.

use super::catalog::Facts;
use crate::domain::flags::{Allergen, Diet};
use crate::domain::food::{FoodId, FoodTable};
use crate::domain::household::{Language, MemberPreferences, Preferences};
use crate::domain::recipe::MealType;
use crate::domain::text::fold_name;
use std::collections::BTreeMap;
use std::fmt;

/// Something a person does not want to eat, matched against the foods and
/// words of a recipe.
#[derive(Debug, Clone, PartialEq)]
pub struct Dislike {
    pub text: String,
    folded: String,
    singular: String,
    food: Option<FoodId>,
}

impl Dislike {
    pub fn new(text: &str, table: &FoodTable) -> Dislike {
        let folded = fold_name(text);
        let singular = folded
            .strip_suffix("es")
            .filter(|s| s.len() > 2 && !folded.ends_with("ies"))
            .or_else(|| folded.strip_suffix('s'))
            .unwrap_or(&folded)
            .to_string();
        Dislike {
            text: text.trim().to_string(),
            food: table
                .lookup_folded(&folded)
                .or_else(|| table.lookup_folded(&singular)),
            folded,
            singular,
        }
    }

    /// True when the recipe uses the food or names it.
    pub fn matches(&self, facts: &Facts) -> bool {
        if self.folded.is_empty() {
            return false;
        }
        if let Some(food) = self.food
            && facts.uses(food)
        {
            return true;
        }
        facts.words.iter().any(|w| {
            let w: &str = w;
            w == self.folded
                || w == self.singular
                || w.strip_suffix('s') == Some(self.singular.as_str())
        })
    }
}

/// The hard constraints of a plan.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Constraints {
    pub diets: Vec<Diet>,
    pub allergies: Vec<Allergen>,
    pub dislikes: Vec<Dislike>,
    /// Longest total time for any slot.
    pub max_minutes: Option<u32>,
    /// Longest total time per meal type, overriding `max_minutes`.
    pub max_minutes_by_meal: BTreeMap<MealType, u32>,
}

/// One broken hard constraint, in words.
#[derive(Debug, Clone, PartialEq)]
pub enum Violation {
    Diet(Diet),
    Allergen(Allergen),
    Dislike(String),
    TooLong { minutes: u32, max: u32 },
    WrongMeal(MealType),
}

impl Violation {
    /// What the recipe does wrong, in `lang` ("is not vegan", "no es vegana").
    pub fn text(&self, lang: Language) -> String {
        match (self, lang) {
            (Violation::Diet(d), Language::En) => format!("is not {}", d.name().replace('_', "-")),
            (Violation::Diet(Diet::GlutenFree), Language::Es) => "lleva gluten".to_string(),
            (Violation::Diet(Diet::DairyFree), Language::Es) => "lleva lácteos".to_string(),
            (Violation::Diet(d), Language::Es) => format!("no es {}", d.name_es()),
            (Violation::Allergen(a), Language::En) => format!("contains {}", a.name()),
            (Violation::Allergen(a), Language::Es) => format!("contiene {}", a.name_es()),
            (Violation::Dislike(d), Language::En) => format!("has {d}, which someone dislikes"),
            (Violation::Dislike(d), Language::Es) => {
                format!("lleva {d}, que a alguien no le gusta")
            }
            (Violation::TooLong { minutes, max }, Language::En) => {
                format!("takes {minutes} minutes (limit {max})")
            }
            (Violation::TooLong { minutes, max }, Language::Es) => {
                format!("lleva {minutes} minutos (límite {max})")
            }
            (Violation::WrongMeal(m), Language::En) => format!("is not a {m} recipe"),
            (Violation::WrongMeal(m), Language::Es) => {
                format!("no es una receta de {}", m.name_es())
            }
        }
    }
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text(Language::En))
    }
}

impl Constraints {
    /// Everything the household and every member ask for, together: a
    /// shared meal must suit everyone at the table.
    pub fn for_household(
        prefs: &Preferences,
        members: &[MemberPreferences],
        table: &FoodTable,
    ) -> Constraints {
        let mut c = Constraints {
            max_minutes: prefs.max_minutes,
            ..Constraints::default()
        };
        let all = std::iter::once((&prefs.diets, &prefs.allergies, &prefs.dislikes)).chain(
            members
                .iter()
                .map(|m| (&m.diets, &m.allergies, &m.dislikes)),
        );
        for (diets, allergies, dislikes) in all {
            for d in diets {
                c.add_diet(*d);
            }
            for a in allergies {
                if !c.allergies.contains(a) {
                    c.allergies.push(*a);
                }
            }
            for d in dislikes {
                let dislike = Dislike::new(d, table);
                if !c.dislikes.iter().any(|x| x.folded == dislike.folded) {
                    c.dislikes.push(dislike);
                }
            }
        }
        c
    }

    pub fn add_diet(&mut self, diet: Diet) {
        if !self.diets.contains(&diet) {
            self.diets.push(diet);
        }
    }

    /// The time limit for a meal.
    pub fn limit_for(&self, meal: MealType) -> Option<u32> {
        self.max_minutes_by_meal
            .get(&meal)
            .copied()
            .or(self.max_minutes)
    }

    /// Every way a recipe breaks the constraints for `meal`.
    pub fn violations(&self, facts: &Facts, meal: MealType) -> Vec<Violation> {
        let mut out = Vec::new();
        if !facts.suits(meal) {
            out.push(Violation::WrongMeal(meal));
        }
        for d in &self.diets {
            if !facts.fits(*d) {
                out.push(Violation::Diet(*d));
            }
        }
        for a in &self.allergies {
            if facts.may_contain(*a) {
                out.push(Violation::Allergen(*a));
            }
        }
        for d in &self.dislikes {
            if d.matches(facts) {
                out.push(Violation::Dislike(d.text.clone()));
            }
        }
        if let Some(max) = self.limit_for(meal)
            && facts.minutes > max
        {
            out.push(Violation::TooLong {
                minutes: facts.minutes,
                max,
            });
        }
        out
    }

    /// True when the recipe may fill a `meal` slot.
    pub fn allows(&self, facts: &Facts, meal: MealType) -> bool {
        facts.suits(meal)
            && self.diets.iter().all(|d| facts.fits(*d))
            && !self.allergies.iter().any(|a| facts.may_contain(*a))
            && self.limit_for(meal).is_none_or(|max| facts.minutes <= max)
            && !self.dislikes.iter().any(|d| d.matches(facts))
    }

    /// The constraints in words, to follow "recipe": "dinner, vegan,
    /// nut-free, 10 minutes or less" in English, "de cena, vegana, sin
    /// frutos secos, de 10 minutos o menos" in Spanish.
    pub fn describe(&self, meal: MealType, lang: Language) -> String {
        let es = lang.is_spanish();
        let mut parts: Vec<String> = vec![if es {
            format!("de {}", meal.name_es())
        } else {
            meal.name().to_string()
        }];
        parts.extend(self.diets.iter().map(|d| {
            if es {
                d.name_es().to_string()
            } else {
                d.name().replace('_', "-")
            }
        }));
        parts.extend(self.allergies.iter().map(|a| {
            if es {
                format!("sin {}", a.name_es())
            } else {
                format!("{}-free", a.name())
            }
        }));
        if !self.dislikes.is_empty() {
            let names: Vec<&str> = self.dislikes.iter().map(|d| d.text.as_str()).collect();
            let without = if es { "sin" } else { "without" };
            parts.push(format!("{without} {}", names.join(", ")));
        }
        if let Some(max) = self.limit_for(meal) {
            parts.push(if es {
                format!("de {max} minutos o menos")
            } else {
                format!("{max} minutes or less")
            });
        }
        parts.join(", ")
    }
}
