//! Hard constraints, never violated by a generated plan: the diets,
//! allergies and dislikes of everyone a slot serves, the time limit, and
//! recipes suited to the slot's meal type.

use super::catalog::Facts;
use crate::domain::flags::{Allergen, Diet};
use crate::domain::food::{FoodId, FoodTable};
use crate::domain::household::{MemberPreferences, Preferences};
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

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Violation::Diet(d) => write!(f, "is not {}", d.name().replace('_', "-")),
            Violation::Allergen(a) => write!(f, "contains {}", a.name()),
            Violation::Dislike(d) => write!(f, "has {d}, which someone dislikes"),
            Violation::TooLong { minutes, max } => {
                write!(f, "takes {minutes} minutes (limit {max})")
            }
            Violation::WrongMeal(m) => write!(f, "is not a {m} recipe"),
        }
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

    /// The constraints in words ("vegan, nut-free, under 10 minutes").
    pub fn describe(&self, meal: MealType) -> String {
        let mut parts: Vec<String> = self
            .diets
            .iter()
            .map(|d| d.name().replace('_', "-"))
            .collect();
        parts.extend(self.allergies.iter().map(|a| format!("{}-free", a.name())));
        if !self.dislikes.is_empty() {
            let names: Vec<&str> = self.dislikes.iter().map(|d| d.text.as_str()).collect();
            parts.push(format!("without {}", names.join(", ")));
        }
        if let Some(max) = self.limit_for(meal) {
            parts.push(format!("{max} minutes or less"));
        }
        if parts.is_empty() {
            format!("{meal}")
        } else {
            format!("{meal}, {}", parts.join(", "))
        }
    }
}
