//! The channel port of kecarajocomer: what every chat adapter (Telegram,
//! Discord, email, web chat, CLI chat) translates to and from.
//!
//! Architecture invariant: adapters depend on this crate, never on the
//! service; they turn platform events into [`Inbound`] and [`Outbound`] into
//! platform calls, and hold no business logic.

#![forbid(unsafe_code)]

use async_trait::async_trait;
use serde::{Deserialize, Serialize};

/// Which platform a message came from or goes to ("telegram", "discord",
/// "email", "web", "cli").
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ChannelName(pub String);

/// A conversation on a platform: a Telegram chat, a Discord channel, an
/// email thread, a web session.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ChatRef {
    pub channel: ChannelName,
    pub chat_id: String,
}

/// A person on a platform.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Sender {
    pub platform_user_id: String,
    pub display_name: Option<String>,
}

/// What the person sent: text, or the press of a button we showed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Content {
    Text { text: String },
    Button { data: String },
}

/// One inbound message, as every adapter delivers it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Inbound {
    pub chat: ChatRef,
    pub sender: Sender,
    pub content: Content,
    /// The platform's id for this message, used to drop duplicates.
    pub platform_message_id: Option<String>,
    /// The platform id of the message this one replies to.
    pub reply_to: Option<String>,
}

/// A button the channel can show under a reply ("Swap", "Another one").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Button {
    pub label: String,
    /// Opaque data the engine gets back as [`Content::Button`].
    pub data: String,
}

/// One reply or notification, as the engine produces it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Outbound {
    pub chat: ChatRef,
    /// Plain text; adapters escape and format it for their platform.
    pub text: String,
    /// Rows of buttons.
    #[serde(default)]
    pub buttons: Vec<Vec<Button>>,
}

/// Why a send failed, so the caller knows whether to retry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SendError {
    /// Try again after this many seconds (rate limits).
    RetryAfter(u64),
    /// A passing failure (timeout, 5xx); retry with backoff.
    Transient(String),
    /// Will never succeed (chat gone, bot blocked); do not retry.
    Permanent(String),
}

impl std::fmt::Display for SendError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SendError::RetryAfter(s) => write!(f, "rate limited, retry after {s}s"),
            SendError::Transient(e) => write!(f, "temporary failure: {e}"),
            SendError::Permanent(e) => write!(f, "permanent failure: {e}"),
        }
    }
}

impl std::error::Error for SendError {}

/// What an adapter implements to deliver outbound messages; returns the
/// platform id of the sent message.
#[async_trait]
pub trait Notifier: Send + Sync {
    fn channel(&self) -> ChannelName;
    async fn send(&self, message: &Outbound) -> Result<Option<String>, SendError>;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inbound_round_trips_as_json() {
        let msg = Inbound {
            chat: ChatRef {
                channel: ChannelName("telegram".into()),
                chat_id: "-100".into(),
            },
            sender: Sender {
                platform_user_id: "42".into(),
                display_name: Some("Ana".into()),
            },
            content: Content::Button {
                data: "swap:2026-11-26:dinner".into(),
            },
            platform_message_id: Some("9".into()),
            reply_to: None,
        };
        let json = serde_json::to_string(&msg).unwrap();
        assert!(json.contains("\"kind\":\"button\""));
        assert_eq!(serde_json::from_str::<Inbound>(&json).unwrap(), msg);
    }
}
