//! Conversions that need to know the food: volume to mass through density,
//! pieces through piece weight, cans through their size, bunches through
//! bunch weight. "200 g + 1 cup of flour" is one amount because of this.

use super::food::Food;
use super::quantity::Quantity;
use super::units::{DEFAULT_CAN_G, Dimension, Unit};
use serde::{Deserialize, Serialize};

/// A size word on a counted ingredient ("2 large eggs").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Size {
    Small,
    Medium,
    Large,
}

impl Size {
    /// How much a piece of this size weighs against a medium one.
    pub fn factor(self) -> f64 {
        match self {
            Size::Small => 0.7,
            Size::Medium => 1.0,
            Size::Large => 1.3,
        }
    }

    pub fn from_word(folded: &str) -> Option<Size> {
        Some(match folded {
            "small" | "little" | "chico" | "chica" | "chicos" | "chicas" | "pequeno"
            | "pequena" | "pequenos" | "pequenas" => Size::Small,
            "medium" | "mediano" | "mediana" | "medianos" | "medianas" => Size::Medium,
            "large" | "big" | "jumbo" | "extra large" | "grande" | "grandes" => Size::Large,
            _ => return None,
        })
    }
}

/// Everything about an amount that a conversion can use besides the food.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Amount {
    pub value: f64,
    pub unit: Unit,
    /// Size of one package ("1 (14 oz) can").
    pub package: Option<Quantity>,
    pub size: Option<Size>,
}

impl Amount {
    pub fn new(value: f64, unit: Unit) -> Amount {
        Amount {
            value,
            unit,
            package: None,
            size: None,
        }
    }

    /// Grams, when the unit is a mass or the food says how to get there.
    pub fn grams(&self, food: Option<&Food>) -> Option<f64> {
        let v = self.value;
        match self.unit.dimension() {
            Dimension::Mass => Some(v * self.unit.grams()?),
            Dimension::Volume => Some(v * self.unit.millilitres()? * food?.g_per_ml?),
            Dimension::Count => {
                let one = match self.unit {
                    Unit::Can => match self.package {
                        Some(p) => Amount::new(p.amount, p.unit).grams(food)?,
                        None => DEFAULT_CAN_G,
                    },
                    Unit::Bunch => food?.bunch_g?,
                    Unit::Piece | Unit::Clove => match self.package {
                        Some(p) => Amount::new(p.amount, p.unit).grams(food)?,
                        None => food?.piece_g? * self.size.map_or(1.0, Size::factor),
                    },
                    _ => return None,
                };
                Some(v * one)
            }
        }
    }

    /// Millilitres, when the unit is a volume or the food has a density.
    pub fn millilitres(&self, food: Option<&Food>) -> Option<f64> {
        match self.unit.dimension() {
            Dimension::Volume => Some(self.value * self.unit.millilitres()?),
            _ => Some(self.grams(food)? / food?.g_per_ml?),
        }
    }

    /// This amount expressed in `to`, through the food when the dimensions differ.
    pub fn convert(&self, to: Unit, food: Option<&Food>) -> Option<f64> {
        if self.unit == to && self.package.is_none() && self.size.is_none() {
            return Some(self.value);
        }
        if let Some(v) = self.unit.convert(self.value, to)
            && self.package.is_none()
            && self.size.is_none()
        {
            return Some(v);
        }
        match to.dimension() {
            Dimension::Mass => Some(self.grams(food)? / to.grams()?),
            Dimension::Volume => Some(self.millilitres(food)? / to.millilitres()?),
            Dimension::Count => {
                let grams = self.grams(food)?;
                let one = Amount::new(1.0, to).grams(food)?;
                (one > 0.0).then(|| grams / one)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::food::FoodTable;

    fn food(name: &str) -> &'static Food {
        FoodTable::builtin()
            .lookup(name)
            .unwrap_or_else(|| panic!("{name} missing from the food table"))
    }

    #[test]
    fn mass_and_volume_convert_through_density() {
        let flour = food("flour");
        let cup = Amount::new(1.0, Unit::Cup).grams(Some(flour)).unwrap();
        assert!(
            (110.0..=135.0).contains(&cup),
            "a cup of flour weighs {cup} g"
        );
        let back = Amount::new(cup, Unit::Gram)
            .convert(Unit::Cup, Some(flour))
            .unwrap();
        assert!((back - 1.0).abs() < 1e-9);
        assert_eq!(Amount::new(1.0, Unit::Cup).grams(None), None);
    }

    #[test]
    fn pieces_cans_and_bunches_convert_through_the_food() {
        let egg = food("egg");
        let six = Amount::new(6.0, Unit::Piece).grams(Some(egg)).unwrap();
        assert!((270.0..=360.0).contains(&six));
        let large = Amount {
            size: Some(Size::Large),
            ..Amount::new(1.0, Unit::Piece)
        };
        assert!(large.grams(Some(egg)).unwrap() > egg.piece_g.unwrap());
        let can = Amount {
            package: Some(Quantity::new(14.0, Unit::Ounce)),
            ..Amount::new(1.0, Unit::Can)
        };
        assert!((can.grams(Some(food("coconut milk"))).unwrap() - 396.9).abs() < 0.1);
        assert_eq!(Amount::new(2.0, Unit::Can).grams(None), Some(800.0));
        let garlic = food("garlic");
        assert!(Amount::new(3.0, Unit::Clove).grams(Some(garlic)).unwrap() < 20.0);
        let eggs = Amount::new(300.0, Unit::Gram)
            .convert(Unit::Piece, Some(egg))
            .unwrap();
        assert!((5.0..=7.0).contains(&eggs));
    }
}
