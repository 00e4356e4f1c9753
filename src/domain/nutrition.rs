//! Nutrient amounts: per 100 g in the food table, per serving for recipes,
//! per day and week for plans.

use serde::{Deserialize, Serialize};
use std::ops::{Add, AddAssign, Mul};

/// Energy and the macronutrients a household tracks. Grams unless named
/// otherwise.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct Nutrients {
    pub kcal: f64,
    pub protein_g: f64,
    pub fat_g: f64,
    pub carbs_g: f64,
    pub fiber_g: f64,
    pub sugar_g: f64,
    pub sodium_mg: f64,
}

impl Nutrients {
    /// The same nutrients rounded for people: whole kcal and mg, grams to one decimal.
    pub fn rounded(self) -> Nutrients {
        let r1 = |v: f64| (v * 10.0).round() / 10.0;
        Nutrients {
            kcal: self.kcal.round(),
            protein_g: r1(self.protein_g),
            fat_g: r1(self.fat_g),
            carbs_g: r1(self.carbs_g),
            fiber_g: r1(self.fiber_g),
            sugar_g: r1(self.sugar_g),
            sodium_mg: self.sodium_mg.round(),
        }
    }
}

impl Add for Nutrients {
    type Output = Nutrients;
    fn add(self, o: Nutrients) -> Nutrients {
        Nutrients {
            kcal: self.kcal + o.kcal,
            protein_g: self.protein_g + o.protein_g,
            fat_g: self.fat_g + o.fat_g,
            carbs_g: self.carbs_g + o.carbs_g,
            fiber_g: self.fiber_g + o.fiber_g,
            sugar_g: self.sugar_g + o.sugar_g,
            sodium_mg: self.sodium_mg + o.sodium_mg,
        }
    }
}

impl AddAssign for Nutrients {
    fn add_assign(&mut self, o: Nutrients) {
        *self = *self + o;
    }
}

impl Mul<f64> for Nutrients {
    type Output = Nutrients;
    fn mul(self, k: f64) -> Nutrients {
        Nutrients {
            kcal: self.kcal * k,
            protein_g: self.protein_g * k,
            fat_g: self.fat_g * k,
            carbs_g: self.carbs_g * k,
            fiber_g: self.fiber_g * k,
            sugar_g: self.sugar_g * k,
            sodium_mg: self.sodium_mg * k,
        }
    }
}

impl std::iter::Sum for Nutrients {
    fn sum<I: Iterator<Item = Nutrients>>(iter: I) -> Nutrients {
        iter.fold(Nutrients::default(), |a, b| a + b)
    }
}
