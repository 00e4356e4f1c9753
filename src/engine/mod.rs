//! The conversation engine: understand → decide → act → answer.
//!
//! - [`llm`]: language-model providers and retries.

pub mod llm;
pub mod offline;
pub mod tools;
