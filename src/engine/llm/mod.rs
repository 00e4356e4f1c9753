//! Language-model providers behind one trait: Anthropic Messages, Gemini
//! generateContent and OpenAI-compatible chat completions (Ollama,
//! llama.cpp, vLLM, OpenRouter). Thin clients: they translate a
//! [`ChatRequest`] to the provider's wire format and its answer back, stream
//! over SSE, and classify failures so [`retry`] knows what to try again.
//!
//! Architecture invariant: a provider never executes anything. It returns
//! the tool calls a model asked for; the engine decides, with the caller's
//! household, what runs.

pub mod anthropic;
pub mod gemini;
pub mod openai;
pub mod retry;
pub mod sse;

pub use anthropic::AnthropicProvider;
pub use gemini::GeminiProvider;
pub use openai::OpenAiProvider;

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
    User {
        text: String,
    },
    Assistant {
        text: String,
        calls: Vec<ToolCall>,
        /// The provider's own representation of the turn, replayed verbatim
        /// when the provider needs it (Gemini thought signatures).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        raw: Option<serde_json::Value>,
    },
    ToolResults {
        results: Vec<ToolResult>,
    },
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
            LlmError::RateLimited { retry_after } | LlmError::Overloaded { retry_after } => {
                *retry_after
            }
            _ => None,
        }
    }
}

/// Receives streamed text as it arrives.
pub type TextSink<'a> = &'a mut (dyn FnMut(&str) + Send);

/// Where and how a client calls its model: the same for every provider.
#[derive(Debug, Clone)]
pub(crate) struct Endpoint {
    pub client: reqwest::Client,
    /// Without a trailing slash.
    pub base_url: String,
    pub model: String,
    pub api_key: crate::config::Secret,
    pub stream: bool,
    /// Caps (and defaults) each request's `max_tokens`.
    pub max_tokens: u32,
}

impl Endpoint {
    pub(crate) fn new(
        client: reqwest::Client,
        base_url: impl Into<String>,
        model: impl Into<String>,
        api_key: crate::config::Secret,
        stream: bool,
        max_tokens: u32,
    ) -> Endpoint {
        Endpoint {
            client,
            base_url: base_url.into().trim_end_matches('/').to_string(),
            model: model.into(),
            api_key,
            stream,
            max_tokens,
        }
    }
}

/// A language-model provider.
#[async_trait]
pub trait Provider: Send + Sync {
    /// "anthropic", "gemini", "openai".
    fn name(&self) -> &str;
    /// The model asked for.
    fn model(&self) -> &str;
    /// One request/response exchange (streamed when the provider is
    /// configured to stream; `on_text` sees text deltas as they arrive).
    async fn complete(
        &self,
        request: &ChatRequest,
        on_text: TextSink<'_>,
    ) -> Result<ChatResponse, LlmError>;
}

impl ToolCall {
    /// A call from the arguments text a model sent: an object when it
    /// parses as one (empty text counts as `{}`), else `malformed` with the
    /// raw text kept in `args` as a string.
    pub fn from_arguments(id: impl Into<String>, name: impl Into<String>, raw: &str) -> ToolCall {
        let (args, malformed) = if raw.trim().is_empty() {
            (serde_json::Value::Object(serde_json::Map::new()), false)
        } else {
            match serde_json::from_str::<serde_json::Value>(raw) {
                Ok(value @ serde_json::Value::Object(_)) => (value, false),
                _ => (serde_json::Value::String(raw.to_string()), true),
            }
        };
        ToolCall {
            id: id.into(),
            name: name.into(),
            args,
            malformed,
        }
    }
}

/// The HTTP client the providers share: rustls, a connect timeout, no
/// overall timeout (the caller bounds each request with a deadline).
pub fn http_client(connect_timeout: Duration) -> Result<reqwest::Client, LlmError> {
    reqwest::Client::builder()
        .connect_timeout(connect_timeout)
        .build()
        .map_err(|e| LlmError::Network(error_chain(&e)))
}

/// The delay a `retry-after-ms` (milliseconds) or `retry-after` (seconds)
/// header asks for.
pub fn retry_after_from_headers(headers: &reqwest::header::HeaderMap) -> Option<Duration> {
    let number = |name: &str| -> Option<f64> {
        let value = headers
            .get(name)?
            .to_str()
            .ok()?
            .trim()
            .parse::<f64>()
            .ok()?;
        (value.is_finite() && value >= 0.0).then_some(value)
    };
    if let Some(ms) = number("retry-after-ms") {
        return Some(Duration::from_secs_f64(ms / 1000.0));
    }
    number("retry-after").map(Duration::from_secs_f64)
}

/// The classification every provider shares: 401/403 auth, 429 rate limit,
/// 503/529 overload, other 5xx server error, other 4xx rejected.
pub fn classify_status(status: u16, retry_after: Option<Duration>, message: String) -> LlmError {
    match status {
        401 | 403 => LlmError::Auth,
        429 => LlmError::RateLimited { retry_after },
        503 | 529 => LlmError::Overloaded { retry_after },
        500..=599 => LlmError::Server { status, message },
        _ => LlmError::Rejected { status, message },
    }
}

/// A transport failure (connect, reset, timeout) as an [`LlmError`].
pub(crate) fn transport_error(error: reqwest::Error) -> LlmError {
    let error = error.without_url();
    if error.is_timeout() {
        LlmError::Timeout
    } else {
        LlmError::Network(error_chain(&error))
    }
}

/// An error and its sources, joined with `: `.
pub(crate) fn error_chain(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(inner) = source {
        text.push_str(": ");
        text.push_str(&inner.to_string());
        source = inner.source();
    }
    text
}

/// At most `max` characters of `text` (error bodies in messages and logs).
pub(crate) fn truncate(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.to_string(),
    }
}

/// A fresh id for a call the provider gave none.
pub(crate) fn generated_id(prefix: &str) -> String {
    format!("{prefix}{:016x}", rand::random::<u64>())
}

/// Sends a request; a non-2xx answer is read and classified by `classify`
/// (status, headers, body text).
pub(crate) async fn send(
    provider: &str,
    request: reqwest::RequestBuilder,
    classify: fn(u16, &reqwest::header::HeaderMap, &str) -> LlmError,
) -> Result<reqwest::Response, LlmError> {
    let response = request.send().await.map_err(|e| {
        let error = transport_error(e);
        tracing::warn!(provider, error = %error, "request failed before an answer");
        error
    })?;
    let status = response.status();
    if status.is_success() {
        return Ok(response);
    }
    let headers = response.headers().clone();
    let body = response.text().await.unwrap_or_default();
    let error = classify(status.as_u16(), &headers, &body);
    tracing::warn!(provider, status = status.as_u16(), error = %error, "provider answered with an error");
    Err(error)
}

/// A whole (not streamed) answer, parsed by the provider's `parse`, its
/// text passed on as a stream's would be.
pub(crate) async fn read_answer(
    response: reqwest::Response,
    parse: fn(&serde_json::Value) -> Result<ChatResponse, LlmError>,
    on_text: TextSink<'_>,
) -> Result<ChatResponse, LlmError> {
    let answer = parse(&read_json(response).await?)?;
    if !answer.text.is_empty() {
        on_text(&answer.text);
    }
    Ok(answer)
}

/// The JSON body of a successful non-streamed answer.
pub(crate) async fn read_json(response: reqwest::Response) -> Result<serde_json::Value, LlmError> {
    let bytes = response.bytes().await.map_err(transport_error)?;
    serde_json::from_slice(&bytes).map_err(|e| {
        LlmError::Malformed(format!(
            "body is not JSON ({e}): {}",
            truncate(&String::from_utf8_lossy(&bytes), 200)
        ))
    })
}

/// A request's own token limit, capped by the provider's configured one
/// (0 = unset on either side).
pub(crate) fn effective_max_tokens(requested: u32, configured: u32) -> u32 {
    match (requested, configured) {
        (0, 0) => 1024,
        (0, c) => c,
        (r, 0) => r,
        (r, c) => r.min(c),
    }
}
