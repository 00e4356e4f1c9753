//! Per-chat dialogue state, stored with the chat so a restart loses
//! nothing: the question waiting for an answer (a confirmation), and the
//! recent turns a model sees. Also the compact button codes channels carry
//! (Telegram allows 64 bytes).

use crate::domain::text::fold_name;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

/// A destructive call waiting for a yes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Pending {
    pub tool: String,
    pub args: Value,
    pub question: String,
}

/// One remembered turn.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Remembered {
    /// "user" or "assistant".
    pub role: String,
    pub text: String,
}

/// What a chat remembers between messages.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct State {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pending: Option<Pending>,
    #[serde(default)]
    pub recent: Vec<Remembered>,
}

/// How many turns a chat remembers for models.
pub const REMEMBERED_TURNS: usize = 8;

impl State {
    pub fn parse(json: &str) -> State {
        serde_json::from_str(json).unwrap_or_default()
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_else(|_| "{}".into())
    }

    pub fn remember(&mut self, role: &str, text: &str) {
        let text: String = text.chars().take(1000).collect();
        self.recent.push(Remembered {
            role: role.into(),
            text,
        });
        let excess = self.recent.len().saturating_sub(REMEMBERED_TURNS);
        self.recent.drain(..excess);
    }
}

/// A yes or a no to a pending question; `None` for anything else.
pub fn yes_or_no(text: &str) -> Option<bool> {
    let t = fold_name(text);
    let yes = [
        "yes",
        "y",
        "yep",
        "yeah",
        "sure",
        "ok",
        "okay",
        "go ahead",
        "do it",
        "confirm",
        "si",
        "sii",
        "dale",
        "de una",
        "hacelo",
        "hazlo",
        "confirmo",
        "adelante",
        "obvio",
        "claro",
        "ok dale",
        "si dale",
        "yes please",
        "si por favor",
    ];
    let no = [
        "no",
        "nope",
        "cancel",
        "stop",
        "nah",
        "dont",
        "don t",
        "mejor no",
        "no gracias",
        "cancela",
        "cancelar",
        "dejalo",
        "deja",
    ];
    if yes.contains(&t.as_str()) {
        Some(true)
    } else if no.contains(&t.as_str()) {
        Some(false)
    } else {
        None
    }
}

/// The tool call a button stands for.
pub fn button_call(data: &str) -> Option<(String, Value)> {
    let mut parts = data.splitn(3, '|');
    let code = parts.next()?;
    let a = parts.next();
    let b = parts.next();
    let call = match (code, a, b) {
        ("rm", Some(date), Some(meal)) => ("replace_meal", json!({"date": date, "meal": meal})),
        ("co", Some(name), _) => ("check_off", json!({"items": [{"name": name}]})),
        ("al", Some(name), _) => ("add_to_shopping_list", json!({"items": [{"name": name}]})),
        ("sr", Some(id), _) => ("show_recipe", json!({"recipe": id})),
        ("undo", _, _) => ("undo", json!({})),
        ("plan", _, _) => ("show_plan", json!({})),
        ("list", _, _) => ("show_shopping_list", json!({})),
        _ => return None,
    };
    Some((call.0.to_string(), call.1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_and_buttons() {
        assert_eq!(yes_or_no("Sí"), Some(true));
        assert_eq!(yes_or_no("dale"), Some(true));
        assert_eq!(yes_or_no("no gracias"), Some(false));
        assert_eq!(yes_or_no("plan dinners"), None);
        assert_eq!(
            button_call("rm|2026-12-01|dinner").map(|c| c.0),
            Some("replace_meal".into())
        );
        assert_eq!(button_call("bogus"), None);
        let mut s = State::default();
        for i in 0..20 {
            s.remember("user", &format!("m{i}"));
        }
        assert_eq!(s.recent.len(), REMEMBERED_TURNS);
        assert_eq!(State::parse(&s.to_json()), s);
        assert_eq!(State::parse("not json"), State::default());
    }
}
