//! The kitchen model, pure: no IO, no async, no clock (callers pass dates).
//!
//! - [`text`]: folding names for matching (case, accents, punctuation).
//! - [`units`], [`quantity`], [`measure`]: units, amounts, conversions through foods.
//! - [`food`], [`flags`], [`nutrition`]: the food table (USDA SR28), content flags, diets, allergens.
//! - [`ingredient`]: the English/Spanish ingredient-line parser.
//! - [`recipe`]: recipes, derived nutrition and flags, scaling.
//! - [`pantry`], [`shopping`]: what a household has and what it must buy.
//! - [`household`]: households, members, preferences.

pub mod flags;
pub mod food;
pub mod household;
pub mod ingredient;
pub mod measure;
pub mod nutrition;
pub mod pantry;
pub mod quantity;
pub mod recipe;
pub mod shopping;
pub mod text;
pub mod units;
