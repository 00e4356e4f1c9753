//! kecarajocomer: a chat-first meal-planning assistant.
//!
//! A map of the crate, outside in:
//! - [`cli`]: the command line (`serve`, `migrate`, `pantry`, `recipes`, `shopping`).
//! - [`app`]: starting up: configuration, logging, store, seed catalog, default household.
//! - [`web`]: the HTTP server (`/healthz`; the web chat and dashboard grow here).
//! - [`services`]: use cases over the store and the domain, always for one household.
//! - [`store`]: the repository trait and its SQLite and PostgreSQL implementations.
//! - [`domain`]: the pure kitchen model: foods, units, ingredient lines, recipes,
//!   nutrition, pantry, shopping list, households. No IO, no clock.
//! - [`render`]: recipe cards, shopping lists and food names as text, en/es.
//! - [`config`]: `config.toml` + `KCC_*` environment, secrets redacted.
//!
//! See `ARCHITECTURE.md` for the invariants every layer keeps.

#![forbid(unsafe_code)]

pub mod app;
pub mod cli;
pub mod config;
pub mod domain;
pub mod engine;
pub mod import;
pub mod planner;
pub mod render;
pub mod services;
pub mod store;
pub mod web;
