//! The planner, pure: "what do we eat this week?" answered by code, not by a
//! language model. A model may choose which request to make; the arithmetic
//! of diets, allergens, calories and pantry happens here.
//!
//! - [`catalog`]: recipes with the facts the planner and search need, precomputed once.
//! - [`constraints`]: hard constraints (diets, allergies, dislikes, time, meal type) of
//!   everyone a slot serves.
//! - [`plan`]: plans, slots and their nutrition per slot, day, week and person.
//! - [`generate`]: plan generation (deterministic for a seed) and slot regeneration.
//! - [`validate`]: every violated constraint and every goal outside tolerance, in words.
//! - [`search`]: recipe search by text, ingredients and pantry, over an index.
//! - [`rng`]: the small deterministic random generator plans are seeded with.

pub mod catalog;
pub mod constraints;
pub mod generate;
pub mod plan;
pub mod rng;
pub mod search;
pub mod validate;

pub use catalog::Catalog;
pub use constraints::Constraints;
pub use generate::{PlanRequest, generate};
pub use plan::{Plan, Slot};
