//! OpenAI-compatible chat completions client (`POST {base}/chat/completions`)
//! for Ollama, llama.cpp `llama-server`, vLLM, OpenRouter and OpenAI. See
//! `PROTOCOLS.md` §3.
//!
//! Streamed tool calls are accumulated by `index`; a delta that carries a
//! new `id` (or a name for a call whose arguments are already complete)
//! starts another call even at a reused index, as Ollama numbers the calls
//! of each chunk from 0.

use super::sse::SseStream;
use super::{
    ChatRequest, ChatResponse, Endpoint, LlmError, Provider, StopReason, TextSink, ToolCall,
    ToolResult, ToolSpec, Turn, Usage,
};
use crate::config::Secret;
use async_trait::async_trait;
use serde_json::{Value, json};
use std::collections::HashMap;

/// Ollama's OpenAI-compatible endpoint on its default port.
pub const DEFAULT_BASE_URL: &str = "http://127.0.0.1:11434/v1";
const NAME: &str = "openai";

/// A client of an OpenAI-compatible chat completions API.
#[derive(Debug, Clone)]
pub struct OpenAiProvider {
    at: Endpoint,
}

impl OpenAiProvider {
    /// `base_url` up to and including the version (`http://host:11434/v1`);
    /// an empty `api_key` sends no `Authorization` header.
    pub fn new(
        client: reqwest::Client,
        base_url: impl Into<String>,
        model: impl Into<String>,
        api_key: Secret,
        stream: bool,
        max_tokens: u32,
    ) -> OpenAiProvider {
        OpenAiProvider {
            at: Endpoint::new(client, base_url, model, api_key, stream, max_tokens),
        }
    }

    /// The JSON body sent for `request`.
    pub fn request_body(&self, request: &ChatRequest) -> Value {
        let mut body = json!({
            "model": self.at.model,
            "messages": messages(&request.system, &request.turns),
            "max_tokens": super::effective_max_tokens(request.max_tokens, self.at.max_tokens),
            "stream": self.at.stream,
        });
        if !request.tools.is_empty() {
            body["tools"] = request.tools.iter().map(tool).collect();
        }
        if self.at.stream {
            body["stream_options"] = json!({"include_usage": true});
        }
        body
    }
}

#[async_trait]
impl Provider for OpenAiProvider {
    fn name(&self) -> &str {
        NAME
    }

    fn model(&self) -> &str {
        &self.at.model
    }

    async fn complete(
        &self,
        request: &ChatRequest,
        on_text: TextSink<'_>,
    ) -> Result<ChatResponse, LlmError> {
        let body = self.request_body(request);
        let mut builder = self
            .at
            .client
            .post(format!("{}/chat/completions", self.at.base_url))
            .json(&body);
        if !self.at.api_key.is_empty() {
            builder = builder.bearer_auth(self.at.api_key.expose());
        }
        if self.at.stream {
            builder = builder.header(reqwest::header::ACCEPT, "text/event-stream");
        }
        let response = super::send(NAME, builder, classify_error).await?;
        if self.at.stream {
            read_stream(SseStream::from_response(response), on_text).await
        } else {
            super::read_answer(response, parse_completion, on_text).await
        }
    }
}

fn tool(spec: &ToolSpec) -> Value {
    let parameters = if spec.parameters.is_object() {
        spec.parameters.clone()
    } else {
        json!({"type": "object", "properties": {}})
    };
    json!({
        "type": "function",
        "function": {"name": spec.name, "description": spec.description, "parameters": parameters},
    })
}

/// The system prompt and turns as chat messages. Assistant turns are
/// rebuilt from text and calls (servers such as Ollama reject arguments
/// that are not JSON, so a malformed call is resent with `{}`).
fn messages(system: &str, turns: &[Turn]) -> Vec<Value> {
    let mut out = Vec::new();
    if !system.is_empty() {
        out.push(json!({"role": "system", "content": system}));
    }
    for turn in turns {
        match turn {
            Turn::User { text } => out.push(json!({"role": "user", "content": text})),
            Turn::Assistant { text, calls, .. } => {
                let mut message = json!({
                    "role": "assistant",
                    "content": if text.is_empty() { Value::Null } else { json!(text) },
                });
                if !calls.is_empty() {
                    message["tool_calls"] = calls.iter().map(tool_call).collect();
                }
                out.push(message);
            }
            Turn::ToolResults { results } => out.extend(results.iter().map(tool_message)),
        }
    }
    out
}

fn tool_call(call: &ToolCall) -> Value {
    let arguments = if call.args.is_object() {
        call.args.to_string()
    } else {
        "{}".to_string()
    };
    json!({
        "id": call.id,
        "type": "function",
        "function": {"name": call.name, "arguments": arguments},
    })
}

/// A tool result; an error is marked in the text, as the format has no flag.
fn tool_message(result: &ToolResult) -> Value {
    let content = if result.is_error {
        format!("ERROR: {}", result.content)
    } else {
        result.content.clone()
    };
    json!({"role": "tool", "tool_call_id": result.call_id, "content": content})
}

fn generated_id() -> String {
    super::generated_id("call_")
}

/// `arguments` as a string (the standard) or an object (some servers).
fn arguments_text(arguments: Option<&Value>) -> String {
    match arguments {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(text)) => text.clone(),
        Some(other) => other.to_string(),
    }
}

fn stop_reason(reason: Option<&str>, has_calls: bool) -> StopReason {
    if has_calls {
        return StopReason::ToolUse;
    }
    match reason {
        Some("stop" | "end_turn" | "eos") => StopReason::EndTurn,
        Some("tool_calls" | "function_call") => StopReason::ToolUse,
        Some("length") => StopReason::MaxTokens,
        Some("content_filter") => StopReason::Refusal,
        _ => StopReason::Other,
    }
}

fn usage_of(value: &Value) -> Option<Usage> {
    let usage = value.get("usage").filter(|u| u.is_object())?;
    let count = |key: &str| usage.get(key).and_then(Value::as_u64).unwrap_or(0);
    Some(Usage {
        input_tokens: count("prompt_tokens"),
        output_tokens: count("completion_tokens"),
    })
}

/// A non-streamed chat completion.
fn parse_completion(value: &Value) -> Result<ChatResponse, LlmError> {
    let choice = value
        .pointer("/choices/0")
        .ok_or_else(|| LlmError::Malformed("completion without choices".into()))?;
    let message = choice
        .get("message")
        .filter(|m| m.is_object())
        .ok_or_else(|| LlmError::Malformed("choice without a message".into()))?;
    let text = message
        .get("content")
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_string();
    let mut calls = Vec::new();
    for call in message
        .get("tool_calls")
        .and_then(Value::as_array)
        .map_or(&[][..], Vec::as_slice)
    {
        let id = call
            .get("id")
            .and_then(Value::as_str)
            .filter(|id| !id.is_empty())
            .map_or_else(generated_id, str::to_string);
        let name = call
            .pointer("/function/name")
            .and_then(Value::as_str)
            .unwrap_or("");
        let arguments = arguments_text(call.pointer("/function/arguments"));
        calls.push(finish_call(id, name, &arguments));
    }
    let refusal = message.get("refusal").and_then(Value::as_str).is_some();
    let mut stop = stop_reason(
        choice.get("finish_reason").and_then(Value::as_str),
        !calls.is_empty(),
    );
    if refusal && text.is_empty() && calls.is_empty() {
        stop = StopReason::Refusal;
    }
    Ok(ChatResponse {
        text,
        calls,
        raw: Some(message.clone()),
        usage: usage_of(value).unwrap_or_default(),
        stop,
    })
}

fn finish_call(id: String, name: &str, arguments: &str) -> ToolCall {
    let call = ToolCall::from_arguments(id, name, arguments);
    if call.malformed {
        tracing::warn!(provider = NAME, tool = %call.name, "tool arguments are not a JSON object");
    }
    call
}

/// A call being streamed.
#[derive(Default)]
struct PendingCall {
    id: Option<String>,
    name: String,
    arguments: String,
}

impl PendingCall {
    /// Whether a delta with this id and name is the start of another call.
    fn superseded_by(&self, id: Option<&str>, name: Option<&str>) -> bool {
        if let (Some(new), Some(old)) = (id, self.id.as_deref()) {
            return new != old;
        }
        name.is_some()
            && !self.name.is_empty()
            && serde_json::from_str::<Value>(&self.arguments).is_ok()
    }
}

#[derive(Default)]
struct StreamState {
    text: String,
    calls: Vec<PendingCall>,
    by_index: HashMap<u64, usize>,
    finish: Option<String>,
    usage: Option<Usage>,
    refusal: bool,
}

impl StreamState {
    fn absorb(
        &mut self,
        chunk: &Value,
        on_text: &mut (dyn FnMut(&str) + Send),
    ) -> Result<(), LlmError> {
        if let Some(error) = chunk.get("error") {
            let message = error
                .get("message")
                .and_then(Value::as_str)
                .or_else(|| error.as_str())
                .unwrap_or("error in the stream");
            return Err(LlmError::Stream(message.to_string()));
        }
        if let Some(usage) = usage_of(chunk) {
            self.usage = Some(usage);
        }
        let Some(choices) = chunk.get("choices").and_then(Value::as_array) else {
            return Ok(());
        };
        for choice in choices {
            if choice.get("index").and_then(Value::as_u64).unwrap_or(0) != 0 {
                continue;
            }
            let delta = choice.get("delta").unwrap_or(&Value::Null);
            if let Some(text) = delta.get("content").and_then(Value::as_str)
                && !text.is_empty()
            {
                self.text.push_str(text);
                on_text(text);
            }
            if delta.get("refusal").and_then(Value::as_str).is_some() {
                self.refusal = true;
            }
            if let Some(calls) = delta.get("tool_calls").and_then(Value::as_array) {
                for (position, call) in calls.iter().enumerate() {
                    self.absorb_call(position as u64, call);
                }
            }
            if let Some(reason) = choice.get("finish_reason").and_then(Value::as_str) {
                self.finish = Some(reason.to_string());
            }
        }
        Ok(())
    }

    fn absorb_call(&mut self, position: u64, call: &Value) {
        let index = call
            .get("index")
            .and_then(Value::as_u64)
            .unwrap_or(position);
        let id = call
            .get("id")
            .and_then(Value::as_str)
            .filter(|id| !id.is_empty());
        let name = call
            .pointer("/function/name")
            .and_then(Value::as_str)
            .filter(|name| !name.is_empty());
        let slot = match self.by_index.get(&index) {
            Some(&slot) if !self.calls[slot].superseded_by(id, name) => slot,
            _ => {
                self.calls.push(PendingCall::default());
                self.by_index.insert(index, self.calls.len() - 1);
                self.calls.len() - 1
            }
        };
        let pending = &mut self.calls[slot];
        if let Some(id) = id {
            pending.id = Some(id.to_string());
        }
        if let Some(name) = name
            && pending.name.is_empty()
        {
            pending.name = name.to_string();
        }
        pending
            .arguments
            .push_str(&arguments_text(call.pointer("/function/arguments")));
    }

    fn finish(self) -> ChatResponse {
        let calls: Vec<ToolCall> = self
            .calls
            .into_iter()
            .map(|pending| {
                let id = pending.id.unwrap_or_else(generated_id);
                finish_call(id, &pending.name, &pending.arguments)
            })
            .collect();
        let mut stop = stop_reason(self.finish.as_deref(), !calls.is_empty());
        if self.refusal && self.text.is_empty() && calls.is_empty() {
            stop = StopReason::Refusal;
        }
        let mut raw = json!({
            "role": "assistant",
            "content": if self.text.is_empty() { Value::Null } else { json!(self.text) },
        });
        if !calls.is_empty() {
            raw["tool_calls"] = calls
                .iter()
                .map(|call| {
                    let arguments = match &call.args {
                        Value::String(text) => text.clone(),
                        other => other.to_string(),
                    };
                    json!({
                        "id": call.id,
                        "type": "function",
                        "function": {"name": call.name, "arguments": arguments},
                    })
                })
                .collect();
        }
        ChatResponse {
            text: self.text,
            calls,
            raw: Some(raw),
            usage: self.usage.unwrap_or_default(),
            stop,
        }
    }
}

/// A streamed chat completion: `data: {chunk}` … `data: [DONE]`.
async fn read_stream(
    mut events: SseStream,
    on_text: TextSink<'_>,
) -> Result<ChatResponse, LlmError> {
    let mut state = StreamState::default();
    let mut done = false;
    while let Some(event) = events.next_event().await? {
        let data = event.data.trim();
        if data == "[DONE]" {
            done = true;
            break;
        }
        if data.is_empty() {
            continue;
        }
        let chunk: Value = serde_json::from_str(data).map_err(|e| {
            LlmError::Stream(format!(
                "unreadable chunk ({e}): {}",
                super::truncate(data, 200)
            ))
        })?;
        state.absorb(&chunk, &mut *on_text)?;
    }
    if !done && state.finish.is_none() {
        return Err(LlmError::Stream(
            "the stream ended before a finish_reason or [DONE]".into(),
        ));
    }
    Ok(state.finish())
}

/// Status and body of a failed request as an [`LlmError`]: OpenAI's
/// `insufficient_quota` 429 is [`LlmError::QuotaExhausted`].
fn classify_error(status: u16, headers: &reqwest::header::HeaderMap, body: &str) -> LlmError {
    let value: Value = serde_json::from_str(body).unwrap_or(Value::Null);
    let error = value.get("error").unwrap_or(&value);
    let message = error
        .get("message")
        .and_then(Value::as_str)
        .or_else(|| error.as_str())
        .map(str::to_string)
        .unwrap_or_else(|| super::truncate(body, 300));
    let code = |key: &str| error.get(key).and_then(Value::as_str).unwrap_or("");
    if status == 429
        && (code("code") == "insufficient_quota" || code("type") == "insufficient_quota")
    {
        return LlmError::QuotaExhausted(message);
    }
    super::classify_status(status, super::retry_after_from_headers(headers), message)
}
