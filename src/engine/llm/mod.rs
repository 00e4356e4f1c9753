//! Language-model providers behind one trait: Anthropic Messages, Gemini
//! generateContent and OpenAI-compatible chat completions (Ollama,
//! llama.cpp, vLLM, OpenRouter). Thin clients: they translate a
//! [`ChatRequest`] to the provider's wire format and its answer back, stream
//! over SSE, and classify failures so [`retry`] knows what to try again.
//!
//! Architecture invariant: a provider never executes anything. It returns
//! the tool calls a model asked for; the engine decides, with the caller's
//! household, what runs.

pub mod retry;

use async_trait::async_trait;
use serde::{Deserialize, Serialize};
use std::time::Duration;

/// A tool the model may call: name, description and JSON schema of its arguments.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ToolSpec {
    pub name: String,
    pub description: String,
    /// A JSON schema object (`{"type":"object","properties":{...}}`).
    pub parameters: serde_json::Value,
}

/// One call the model asked for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ToolCall {
    /// The provider's id for the call (generated when the provider gives none).
    pub id: String,
    pub name: String,
    /// The arguments, always a JSON object when they parsed; the raw text in
    /// a string when the model sent malformed JSON.
    pub args: serde_json::Value,
    /// True when the model's arguments were not valid JSON.
    #[serde(default)]
    pub malformed: bool,
}

/// The result of running one call, sent back to the model.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ToolResult {
    pub call_id: String,
    pub name: String,
    /// What the tool returned (JSON text or plain text).
    pub content: String,
    pub is_error: bool,
}

/// One turn of a conversation with a model.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Turn {
    User { text: String },
    Assistant {
        text: String,
        calls: Vec<ToolCall>,
        /// The provider's own representation of the turn, replayed verbatim
        /// when the provider needs it (Gemini thought signatures).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        raw: Option<serde_json::Value>,
    },
    ToolResults { results: Vec<ToolResult> },
}

/// A request to a model.
#[derive(Debug, Clone, PartialEq)]
pub struct ChatRequest {
    pub system: String,
    pub turns: Vec<Turn>,
    pub tools: Vec<ToolSpec>,
    pub max_tokens: u32,
}

/// Tokens a request used.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Usage {
    pub input_tokens: u64,
    pub output_tokens: u64,
}

/// Why the model stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StopReason {
    EndTurn,
    ToolUse,
    MaxTokens,
    Refusal,
    Other,
}

/// A model's answer: text, tool calls, or both.
#[derive(Debug, Clone, PartialEq)]
pub struct ChatResponse {
    pub text: String,
    pub calls: Vec<ToolCall>,
    /// The assistant turn in the provider's own format, for replay.
    pub raw: Option<serde_json::Value>,
    pub usage: Usage,
    pub stop: StopReason,
}

/// Provider failures, classified for retrying.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum LlmError {
    /// 429 that may be retried, after the delay when the provider said.
    #[error("rate limited")]
    RateLimited { retry_after: Option<Duration> },
    /// 529 / 503: the provider is overloaded.
    #[error("provider overloaded")]
    Overloaded { retry_after: Option<Duration> },
    /// A spend limit or daily quota: never retried.
    #[error("spend limit or quota reached: {0}")]
    QuotaExhausted(String),
    #[error("authentication failed: check the API key")]
    Auth,
    /// Any other 4xx: the request is wrong; retrying will not help.
    #[error("request rejected ({status}): {message}")]
    Rejected { status: u16, message: String },
    /// 5xx other than overload.
    #[error("provider error ({status}): {message}")]
    Server { status: u16, message: String },
    #[error("timed out")]
    Timeout,
    #[error("network error: {0}")]
    Network(String),
    /// An `error` event or a broken stream after a 200.
    #[error("stream failed: {0}")]
    Stream(String),
    /// A response that is not what the protocol promises.
    #[error("malformed response: {0}")]
    Malformed(String),
}

impl LlmError {
    /// True when trying again may succeed.
    pub fn is_retryable(&self) -> bool {
        matches!(
            self,
            LlmError::RateLimited { .. }
                | LlmError::Overloaded { .. }
                | LlmError::Server { .. }
                | LlmError::Timeout
                | LlmError::Network(_)
                | LlmError::Stream(_)
        )
    }

    /// The delay the provider asked for, if any.
    pub fn retry_after(&self) -> Option<Duration> {
        match self {
            LlmError::RateLimited { retry_after } | LlmError::Overloaded { retry_after } => *retry_after,
            _ => None,
        }
    }
}

/// Receives streamed text as it arrives.
pub type TextSink<'a> = &'a mut (dyn FnMut(&str) + Send);

/// A language-model provider.
#[async_trait]
pub trait Provider: Send + Sync {
    /// "anthropic", "gemini", "openai".
    fn name(&self) -> &str;
    /// One request/response exchange (streamed when the provider is
    /// configured to stream; `on_text` sees text deltas as they arrive).
    async fn complete(&self, request: &ChatRequest, on_text: TextSink<'_>) -> Result<ChatResponse, LlmError>;
}
