//! Households, members and what they prefer: diets, allergies, dislikes,
//! targets, time and money limits, timezone and language. Per-member
//! variants ("Lucas is vegetarian") live on the member.

use super::flags::{Allergen, Diet};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// Store id of a household. Every stored row belongs to exactly one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct HouseholdId(pub i64);

/// Store id of a member of a household.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct MemberId(pub i64);

impl fmt::Display for HouseholdId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

impl fmt::Display for MemberId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// The languages the assistant speaks.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    #[default]
    En,
    Es,
}

impl Language {
    pub fn code(self) -> &'static str {
        match self {
            Language::En => "en",
            Language::Es => "es",
        }
    }

    pub fn is_spanish(self) -> bool {
        self == Language::Es
    }

    /// The weekday's name in this language ("Monday", "lunes").
    pub fn weekday(self, day: chrono::Weekday) -> &'static str {
        const EN: [&str; 7] = [
            "Monday",
            "Tuesday",
            "Wednesday",
            "Thursday",
            "Friday",
            "Saturday",
            "Sunday",
        ];
        const ES: [&str; 7] = [
            "lunes",
            "martes",
            "miércoles",
            "jueves",
            "viernes",
            "sábado",
            "domingo",
        ];
        let i = day.num_days_from_monday() as usize;
        match self {
            Language::En => EN[i],
            Language::Es => ES[i],
        }
    }
}

impl FromStr for Language {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match super::text::fold_name(s).as_str() {
            "en" | "english" | "ingles" => Ok(Language::En),
            "es" | "spanish" | "espanol" | "castellano" => Ok(Language::Es),
            _ => Err(format!("unknown language \"{s}\": use en or es")),
        }
    }
}

/// What a household (or one member) prefers. Absent values mean "no limit".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Preferences {
    pub diets: Vec<Diet>,
    pub allergies: Vec<Allergen>,
    /// Foods or words to avoid ("cilantro", "mushroom").
    pub dislikes: Vec<String>,
    pub kcal_per_day: Option<u32>,
    pub protein_g_per_day: Option<u32>,
    pub max_minutes: Option<u32>,
    pub budget_per_week: Option<f64>,
    pub household_size: u32,
    /// IANA zone name ("America/Argentina/Buenos_Aires").
    pub timezone: String,
    pub language: Language,
}

impl Default for Preferences {
    fn default() -> Self {
        Preferences {
            diets: Vec::new(),
            allergies: Vec::new(),
            dislikes: Vec::new(),
            kcal_per_day: None,
            protein_g_per_day: None,
            max_minutes: None,
            budget_per_week: None,
            household_size: 2,
            timezone: "UTC".to_string(),
            language: Language::En,
        }
    }
}

/// A member's own restrictions on top of the household's ("Lucas is vegetarian").
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct MemberPreferences {
    pub diets: Vec<Diet>,
    pub allergies: Vec<Allergen>,
    pub dislikes: Vec<String>,
    pub kcal_per_day: Option<u32>,
    pub protein_g_per_day: Option<u32>,
}

/// A household as stored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Household {
    pub id: HouseholdId,
    pub name: String,
    pub preferences: Preferences,
}

/// A person in a household.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Member {
    pub id: MemberId,
    pub household: HouseholdId,
    pub display_name: String,
    pub preferences: MemberPreferences,
}

/// A chat or mail identity that speaks for a member ("telegram", "12345").
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Identity {
    pub channel: String,
    pub platform_user_id: String,
}

/// Letters of invite codes: no 0/O, 1/I/L, so they read aloud and type well.
pub const INVITE_ALPHABET: &[u8] = b"ABCDEFGHJKMNPQRSTUVWXYZ23456789";
/// Length of an invite code.
pub const INVITE_LEN: usize = 8;

/// Normalises a typed invite code ("abcd-2345 " → "ABCD2345"); `None` when
/// it cannot be one.
pub fn normalize_invite(code: &str) -> Option<String> {
    let cleaned: String = code
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .map(|c| c.to_ascii_uppercase())
        .collect();
    (cleaned.len() == INVITE_LEN && cleaned.bytes().all(|b| INVITE_ALPHABET.contains(&b)))
        .then_some(cleaned)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invite_codes_normalise() {
        assert_eq!(normalize_invite("abcd-2345"), Some("ABCD2345".into()));
        assert_eq!(
            normalize_invite("ABCD0345"),
            None,
            "0 is not in the alphabet"
        );
        assert_eq!(normalize_invite("ABC"), None);
    }

    #[test]
    fn preferences_round_trip_through_json() {
        let p = Preferences {
            diets: vec![Diet::Vegetarian],
            allergies: vec![Allergen::Peanuts],
            kcal_per_day: Some(2000),
            language: Language::Es,
            ..Preferences::default()
        };
        let json = serde_json::to_string(&p).unwrap();
        assert_eq!(serde_json::from_str::<Preferences>(&json).unwrap(), p);
        let partial: Preferences = serde_json::from_str(r#"{"diets":["vegan"]}"#).unwrap();
        assert_eq!(partial.household_size, 2);
    }
}
