//! Units of measure: what people write ("cups", "cucharadas", "fl oz"), what
//! they measure (mass, volume or a count) and how they convert.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// What a unit measures. Conversions within a dimension are exact; across
/// dimensions they need a food (its density, piece, can or bunch weight).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Dimension {
    Mass,
    Volume,
    Count,
}

/// A unit of measure. Counted things ("6 eggs") use [`Unit::Piece`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    Gram,
    Kilogram,
    Ounce,
    Pound,
    Millilitre,
    Litre,
    Teaspoon,
    Tablespoon,
    Cup,
    FluidOunce,
    Pinch,
    Clove,
    Can,
    Bunch,
    Piece,
}

/// Millilitres in a US cup, tablespoon, teaspoon and fluid ounce.
pub const ML_PER_CUP: f64 = 236.588;
pub const ML_PER_TBSP: f64 = 14.787;
pub const ML_PER_TSP: f64 = 4.929;
pub const ML_PER_FL_OZ: f64 = 29.574;
/// A pinch is taken as 1/16 teaspoon.
pub const ML_PER_PINCH: f64 = ML_PER_TSP / 16.0;
pub const G_PER_OZ: f64 = 28.3495;
pub const G_PER_LB: f64 = 453.592;
/// What "1 can" weighs when the line does not say: the common 400 g / 14 oz can.
pub const DEFAULT_CAN_G: f64 = 400.0;

impl Unit {
    /// Every unit, for tables and help text.
    pub const ALL: [Unit; 15] = [
        Unit::Gram,
        Unit::Kilogram,
        Unit::Ounce,
        Unit::Pound,
        Unit::Millilitre,
        Unit::Litre,
        Unit::Teaspoon,
        Unit::Tablespoon,
        Unit::Cup,
        Unit::FluidOunce,
        Unit::Pinch,
        Unit::Clove,
        Unit::Can,
        Unit::Bunch,
        Unit::Piece,
    ];

    /// The canonical symbol, used in storage, tool arguments and output.
    pub fn symbol(self) -> &'static str {
        match self {
            Unit::Gram => "g",
            Unit::Kilogram => "kg",
            Unit::Ounce => "oz",
            Unit::Pound => "lb",
            Unit::Millilitre => "ml",
            Unit::Litre => "l",
            Unit::Teaspoon => "tsp",
            Unit::Tablespoon => "tbsp",
            Unit::Cup => "cup",
            Unit::FluidOunce => "fl_oz",
            Unit::Pinch => "pinch",
            Unit::Clove => "clove",
            Unit::Can => "can",
            Unit::Bunch => "bunch",
            Unit::Piece => "piece",
        }
    }

    pub fn dimension(self) -> Dimension {
        match self {
            Unit::Gram | Unit::Kilogram | Unit::Ounce | Unit::Pound => Dimension::Mass,
            Unit::Millilitre
            | Unit::Litre
            | Unit::Teaspoon
            | Unit::Tablespoon
            | Unit::Cup
            | Unit::FluidOunce
            | Unit::Pinch => Dimension::Volume,
            Unit::Clove | Unit::Can | Unit::Bunch | Unit::Piece => Dimension::Count,
        }
    }

    /// Grams in one of this unit, for mass units.
    pub fn grams(self) -> Option<f64> {
        match self {
            Unit::Gram => Some(1.0),
            Unit::Kilogram => Some(1000.0),
            Unit::Ounce => Some(G_PER_OZ),
            Unit::Pound => Some(G_PER_LB),
            _ => None,
        }
    }

    /// Millilitres in one of this unit, for volume units.
    pub fn millilitres(self) -> Option<f64> {
        match self {
            Unit::Millilitre => Some(1.0),
            Unit::Litre => Some(1000.0),
            Unit::Teaspoon => Some(ML_PER_TSP),
            Unit::Tablespoon => Some(ML_PER_TBSP),
            Unit::Cup => Some(ML_PER_CUP),
            Unit::FluidOunce => Some(ML_PER_FL_OZ),
            Unit::Pinch => Some(ML_PER_PINCH),
            _ => None,
        }
    }

    /// Converts `amount` of this unit into `to` when both measure the same
    /// dimension (counts only convert to themselves).
    pub fn convert(self, amount: f64, to: Unit) -> Option<f64> {
        if self == to {
            return Some(amount);
        }
        match (self.dimension(), to.dimension()) {
            (Dimension::Mass, Dimension::Mass) => Some(amount * self.grams()? / to.grams()?),
            (Dimension::Volume, Dimension::Volume) => {
                Some(amount * self.millilitres()? / to.millilitres()?)
            }
            _ => None,
        }
    }

    /// Recognises a unit word in English or Spanish, singular or plural, with
    /// or without a trailing period: "cups", "Tbsp.", "cucharadas", "gr",
    /// "dientes", "latas". `word` should already be folded (lowercase, no accents).
    pub fn from_word(word: &str) -> Option<Unit> {
        let w = word.strip_suffix('.').unwrap_or(word);
        let unit =
            match w {
                "g" | "gr" | "grs" | "gram" | "grams" | "gramme" | "grammes" | "gramo"
                | "gramos" => Unit::Gram,
                "kg" | "kgs" | "kilo" | "kilos" | "kilogram" | "kilograms" | "kilogramo"
                | "kilogramos" => Unit::Kilogram,
                "oz" | "ounce" | "ounces" | "onza" | "onzas" => Unit::Ounce,
                "lb" | "lbs" | "pound" | "pounds" | "libra" | "libras" => Unit::Pound,
                "ml" | "mls" | "millilitre" | "millilitres" | "milliliter" | "milliliters"
                | "cc" | "mililitro" | "mililitros" => Unit::Millilitre,
                "l" | "lt" | "lts" | "litre" | "litres" | "liter" | "liters" | "litro"
                | "litros" => Unit::Litre,
                "tsp" | "tsps" | "teaspoon" | "teaspoons" | "cucharadita" | "cucharaditas"
                | "cdta" | "cdtas" | "cdita" | "cditas" | "cta" | "ctas" => Unit::Teaspoon,
                "tbsp" | "tbsps" | "tbs" | "tbl" | "tablespoon" | "tablespoons" | "cucharada"
                | "cucharadas" | "cda" | "cdas" => Unit::Tablespoon,
                "cup" | "cups" | "c" | "taza" | "tazas" => Unit::Cup,
                "fl_oz" | "floz" => Unit::FluidOunce,
                "pinch" | "pinches" | "pizca" | "pizcas" => Unit::Pinch,
                "clove" | "cloves" | "diente" | "dientes" => Unit::Clove,
                "can" | "cans" | "tin" | "tins" | "lata" | "latas" => Unit::Can,
                "bunch" | "bunches" | "manojo" | "manojos" | "atado" | "atados" => Unit::Bunch,
                "piece" | "pieces" | "pc" | "pcs" | "unidad" | "unidades" | "u" | "pieza"
                | "piezas" => Unit::Piece,
                _ => return None,
            };
        Some(unit)
    }

    /// The unit's name for people, singular or plural, in English or Spanish.
    pub fn display_name(self, plural: bool, spanish: bool) -> &'static str {
        match (self, plural, spanish) {
            (Unit::Gram, _, _) => "g",
            (Unit::Kilogram, _, _) => "kg",
            (Unit::Ounce, _, _) => "oz",
            (Unit::Pound, _, _) => "lb",
            (Unit::Millilitre, _, _) => "ml",
            (Unit::Litre, _, _) => "l",
            (Unit::Teaspoon, _, false) => "tsp",
            (Unit::Teaspoon, _, true) => "cdta",
            (Unit::Tablespoon, _, false) => "tbsp",
            (Unit::Tablespoon, _, true) => "cda",
            (Unit::Cup, false, false) => "cup",
            (Unit::Cup, true, false) => "cups",
            (Unit::Cup, false, true) => "taza",
            (Unit::Cup, true, true) => "tazas",
            (Unit::FluidOunce, _, _) => "fl oz",
            (Unit::Pinch, false, false) => "pinch",
            (Unit::Pinch, true, false) => "pinches",
            (Unit::Pinch, false, true) => "pizca",
            (Unit::Pinch, true, true) => "pizcas",
            (Unit::Clove, false, false) => "clove",
            (Unit::Clove, true, false) => "cloves",
            (Unit::Clove, false, true) => "diente",
            (Unit::Clove, true, true) => "dientes",
            (Unit::Can, false, false) => "can",
            (Unit::Can, true, false) => "cans",
            (Unit::Can, false, true) => "lata",
            (Unit::Can, true, true) => "latas",
            (Unit::Bunch, false, false) => "bunch",
            (Unit::Bunch, true, false) => "bunches",
            (Unit::Bunch, false, true) => "atado",
            (Unit::Bunch, true, true) => "atados",
            (Unit::Piece, _, _) => "",
        }
    }
}

impl fmt::Display for Unit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.symbol())
    }
}

/// The error for a unit nobody recognises; its message says what to type.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "unknown unit \"{0}\": use one of g, kg, oz, lb, ml, l, tsp, tbsp, cup, fl_oz, pinch, clove, can, bunch, piece"
)]
pub struct UnknownUnit(pub String);

impl FromStr for Unit {
    type Err = UnknownUnit;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let folded = super::text::fold(s);
        let key = match folded.as_str() {
            "fl oz" | "fl. oz" | "fl. oz." | "fluid ounce" | "fluid ounces" => "fl_oz",
            other => other,
        };
        Unit::from_word(key).ok_or_else(|| UnknownUnit(s.trim().to_string()))
    }
}

impl TryFrom<String> for Unit {
    type Error = UnknownUnit;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        value.parse()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn symbols_round_trip() {
        for unit in Unit::ALL {
            assert_eq!(unit.symbol().parse::<Unit>(), Ok(unit), "{unit:?}");
        }
    }

    #[test]
    fn words_in_both_languages() {
        let cases = [
            ("cups", Unit::Cup),
            ("Tbsp.", Unit::Tablespoon),
            ("cucharadas", Unit::Tablespoon),
            ("cucharadita", Unit::Teaspoon),
            ("gr", Unit::Gram),
            ("kilo", Unit::Kilogram),
            ("dientes", Unit::Clove),
            ("latas", Unit::Can),
            ("fl oz", Unit::FluidOunce),
            ("pizca", Unit::Pinch),
            ("atado", Unit::Bunch),
        ];
        for (word, unit) in cases {
            assert_eq!(word.parse::<Unit>(), Ok(unit), "{word}");
        }
        assert!("handful-ish".parse::<Unit>().is_err());
    }

    #[test]
    fn converts_within_a_dimension() {
        let close = |a: f64, b: f64| (a - b).abs() < 1e-6;
        assert!(close(
            Unit::Kilogram.convert(1.5, Unit::Gram).unwrap(),
            1500.0
        ));
        assert!(close(
            Unit::Pound.convert(1.0, Unit::Gram).unwrap(),
            G_PER_LB
        ));
        assert!(close(
            Unit::Cup.convert(1.0, Unit::Tablespoon).unwrap(),
            ML_PER_CUP / ML_PER_TBSP
        ));
        assert!((Unit::Tablespoon.convert(1.0, Unit::Teaspoon).unwrap() - 3.0).abs() < 1e-3);
        assert_eq!(Unit::Cup.convert(1.0, Unit::Gram), None);
        assert_eq!(Unit::Piece.convert(2.0, Unit::Piece), Some(2.0));
        assert_eq!(Unit::Clove.convert(2.0, Unit::Piece), None);
    }
}
