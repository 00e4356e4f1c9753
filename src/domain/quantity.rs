//! Quantities: an amount (or a range of amounts) of a unit, how they read
//! ("1 1/2", "½", "2-3", "medio", "un cuarto") and how they are written back
//! for people, with sensible rounding.

use super::units::{Dimension, Unit};
use serde::{Deserialize, Serialize};
use std::fmt;

/// An amount of a unit. `max` is set for ranges ("2-3 tomatoes").
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Quantity {
    pub amount: f64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<f64>,
    pub unit: Unit,
}

impl Quantity {
    pub fn new(amount: f64, unit: Unit) -> Quantity {
        Quantity {
            amount,
            max: None,
            unit,
        }
    }

    /// The amount to plan with: the middle of a range.
    pub fn typical(&self) -> f64 {
        match self.max {
            Some(max) => (self.amount + max) / 2.0,
            None => self.amount,
        }
    }

    /// The amount to buy: the top of a range.
    pub fn upper(&self) -> f64 {
        self.max.unwrap_or(self.amount)
    }

    /// This quantity multiplied by `factor` (scaling a recipe), rounded the
    /// way a cook would measure it.
    pub fn scaled(&self, factor: f64) -> Quantity {
        Quantity {
            amount: round_for_unit(self.amount * factor, self.unit),
            max: self.max.map(|m| round_for_unit(m * factor, self.unit)),
            unit: self.unit,
        }
    }

    /// The same amount in the friendliest metric unit (0.5 kg → 500 g,
    /// 1500 ml → 1.5 l); other units stay as they are.
    pub fn humanized(&self) -> Quantity {
        match self.unit {
            Unit::Gram | Unit::Kilogram | Unit::Millilitre | Unit::Litre if self.max.is_none() => {
                let dimension = self.unit.dimension();
                let base = if dimension == Dimension::Mass {
                    Unit::Gram
                } else {
                    Unit::Millilitre
                };
                let amount = self.unit.convert(self.amount, base).unwrap_or(self.amount);
                humanize(amount, dimension)
            }
            _ => *self,
        }
    }

    /// Readable text: "250 g", "1.5 kg", "1 1/2 cups", "2-3", "1/4 tsp".
    pub fn display(&self, spanish: bool) -> String {
        let mut s = format_for_unit(self.amount, self.unit);
        if let Some(max) = self.max {
            s.push('-');
            s.push_str(&format_for_unit(max, self.unit));
        }
        let plural = self.upper() > 1.0;
        let name = self.unit.display_name(plural, spanish);
        if !name.is_empty() {
            s.push(' ');
            s.push_str(name);
        }
        s
    }
}

impl fmt::Display for Quantity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.display(false))
    }
}

/// Rounds an amount the way it would be measured in that unit: grams and
/// millilitres to whole numbers (to 5 above 50, to 10 above 500), spoons and
/// cups to quarters, pieces to halves, never to zero.
pub fn round_for_unit(amount: f64, unit: Unit) -> f64 {
    if amount <= 0.0 {
        return 0.0;
    }
    let step = match unit {
        Unit::Gram | Unit::Millilitre => {
            if amount >= 500.0 {
                10.0
            } else if amount >= 50.0 {
                5.0
            } else if amount >= 5.0 {
                1.0
            } else {
                0.5
            }
        }
        Unit::Kilogram | Unit::Litre => 0.05,
        Unit::Ounce | Unit::Pound | Unit::FluidOunce => 0.25,
        Unit::Teaspoon | Unit::Tablespoon | Unit::Cup => 0.25,
        Unit::Pinch | Unit::Clove | Unit::Can | Unit::Bunch | Unit::Piece => 0.5,
    };
    let rounded = (amount / step).round() * step;
    if rounded <= 0.0 { step } else { rounded }
}

/// Writes an amount the way its unit is read: decimals for metric units
/// ("1.5 kg"), fractions for spoons, cups and pieces ("1 1/2 cups").
pub fn format_for_unit(amount: f64, unit: Unit) -> String {
    match unit {
        Unit::Gram | Unit::Kilogram | Unit::Millilitre | Unit::Litre => {
            let s = format!("{amount:.2}");
            s.trim_end_matches('0').trim_end_matches('.').to_string()
        }
        _ => format_amount(amount),
    }
}

/// Writes an amount as people read it: whole numbers plain, common
/// fractions as fractions ("1 1/2", "1/3"), anything else with at most two
/// decimals.
pub fn format_amount(amount: f64) -> String {
    let whole = amount.trunc();
    let frac = amount - whole;
    if frac.abs() < 0.01 {
        return format!("{}", whole as i64);
    }
    if (1.0 - frac).abs() < 0.01 {
        return format!("{}", whole as i64 + 1);
    }
    const FRACTIONS: [(f64, &str); 7] = [
        (0.25, "1/4"),
        (1.0 / 3.0, "1/3"),
        (0.5, "1/2"),
        (2.0 / 3.0, "2/3"),
        (0.75, "3/4"),
        (0.125, "1/8"),
        (0.2, "1/5"),
    ];
    for (value, text) in FRACTIONS {
        if (frac - value).abs() < 0.01 {
            return if whole >= 1.0 {
                format!("{} {text}", whole as i64)
            } else {
                text.to_string()
            };
        }
    }
    let s = format!("{amount:.2}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// Picks the friendliest unit for an amount in grams, millilitres or
/// pieces: 1500 g → 1.5 kg, 1200 ml → 1.2 l.
pub fn humanize(amount: f64, dimension: Dimension) -> Quantity {
    match dimension {
        Dimension::Mass if amount >= 1000.0 => Quantity::new(
            round_for_unit(amount / 1000.0, Unit::Kilogram),
            Unit::Kilogram,
        ),
        Dimension::Mass => Quantity::new(round_for_unit(amount, Unit::Gram), Unit::Gram),
        Dimension::Volume if amount >= 1000.0 => {
            Quantity::new(round_for_unit(amount / 1000.0, Unit::Litre), Unit::Litre)
        }
        Dimension::Volume => {
            Quantity::new(round_for_unit(amount, Unit::Millilitre), Unit::Millilitre)
        }
        Dimension::Count => Quantity::new(amount, Unit::Piece),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_amounts_like_a_cookbook() {
        let cases = [
            (2.0, "2"),
            (2.5, "2 1/2"),
            (0.5, "1/2"),
            (0.333_333, "1/3"),
            (1.75, "1 3/4"),
            (0.4, "0.4"),
            (12.345, "12.35"),
            (0.999, "1"),
        ];
        for (amount, want) in cases {
            assert_eq!(format_amount(amount), want, "{amount}");
        }
    }

    #[test]
    fn scaling_rounds_to_measurable_amounts() {
        let q = Quantity::new(200.0, Unit::Gram).scaled(1.5);
        assert_eq!(q.amount, 300.0);
        let q = Quantity::new(1.0, Unit::Teaspoon).scaled(1.0 / 3.0);
        assert_eq!(q.amount, 0.25);
        let q = Quantity::new(3.0, Unit::Piece).scaled(0.5);
        assert_eq!(q.amount, 1.5);
        let q = Quantity::new(123.0, Unit::Gram).scaled(1.1);
        assert_eq!(q.amount, 135.0);
        let q = Quantity::new(1.0, Unit::Piece).scaled(0.1);
        assert_eq!(q.amount, 0.5, "never rounds to nothing");
    }

    #[test]
    fn humanizes_large_amounts() {
        assert_eq!(
            humanize(1500.0, Dimension::Mass),
            Quantity::new(1.5, Unit::Kilogram)
        );
        assert_eq!(
            humanize(250.0, Dimension::Volume),
            Quantity::new(250.0, Unit::Millilitre)
        );
        assert_eq!(Quantity::new(2.0, Unit::Cup).display(false), "2 cups");
        assert_eq!(Quantity::new(1.2, Unit::Kilogram).display(false), "1.2 kg");
        assert_eq!(Quantity::new(1.5, Unit::Cup).display(false), "1 1/2 cups");
        assert_eq!(Quantity::new(6.0, Unit::Piece).display(false), "6");
        assert_eq!(
            Quantity {
                amount: 2.0,
                max: Some(3.0),
                unit: Unit::Piece
            }
            .display(false),
            "2-3"
        );
    }
}
