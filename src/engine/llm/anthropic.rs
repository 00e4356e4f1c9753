//! Anthropic Messages API client (`POST /v1/messages`), streamed over SSE or
//! not. See `PROTOCOLS.md` §1.

use super::sse::SseStream;
use super::{
    ChatRequest, ChatResponse, Endpoint, LlmError, Provider, StopReason, TextSink, ToolCall,
    ToolResult, ToolSpec, Turn, Usage,
};
use crate::config::Secret;
use async_trait::async_trait;
use serde_json::{Map, Value, json};
use std::collections::BTreeMap;

/// The public endpoint.
pub const DEFAULT_BASE_URL: &str = "https://api.anthropic.com";
const API_VERSION: &str = "2023-06-01";
const NAME: &str = "anthropic";

/// A client of the Anthropic Messages API.
#[derive(Debug, Clone)]
pub struct AnthropicProvider {
    at: Endpoint,
}

impl AnthropicProvider {
    /// `base_url` without the `/v1` path (e.g. [`DEFAULT_BASE_URL`]);
    /// `max_tokens` caps (and defaults) each request's `max_tokens`.
    pub fn new(
        client: reqwest::Client,
        base_url: impl Into<String>,
        model: impl Into<String>,
        api_key: Secret,
        stream: bool,
        max_tokens: u32,
    ) -> AnthropicProvider {
        AnthropicProvider {
            at: Endpoint::new(client, base_url, model, api_key, stream, max_tokens),
        }
    }

    /// The JSON body sent for `request`.
    pub fn request_body(&self, request: &ChatRequest) -> Value {
        let mut body = json!({
            "model": self.at.model,
            "max_tokens": super::effective_max_tokens(request.max_tokens, self.at.max_tokens),
            "messages": messages(&request.turns),
        });
        if !request.system.is_empty() {
            body["system"] = json!(request.system);
        }
        if !request.tools.is_empty() {
            body["tools"] = request.tools.iter().map(tool).collect();
        }
        if self.at.stream {
            body["stream"] = json!(true);
        }
        body
    }
}

#[async_trait]
impl Provider for AnthropicProvider {
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
            .post(format!("{}/v1/messages", self.at.base_url))
            .header("x-api-key", self.at.api_key.expose())
            .header("anthropic-version", API_VERSION)
            .json(&body);
        if self.at.stream {
            builder = builder.header(reqwest::header::ACCEPT, "text/event-stream");
        }
        let response = super::send(NAME, builder, classify_error).await?;
        if self.at.stream {
            read_stream(SseStream::from_response(response), on_text).await
        } else {
            super::read_answer(response, parse_message, on_text).await
        }
    }
}

fn tool(spec: &ToolSpec) -> Value {
    let schema = if spec.parameters.is_object() {
        spec.parameters.clone()
    } else {
        json!({"type": "object", "properties": {}})
    };
    json!({"name": spec.name, "description": spec.description, "input_schema": schema})
}

/// Turns as Anthropic messages: consecutive turns of one role are merged,
/// and `tool_result` blocks come first in a user message.
fn messages(turns: &[Turn]) -> Vec<Value> {
    let mut out: Vec<(&str, Vec<Value>)> = Vec::new();
    for turn in turns {
        let (role, blocks) = match turn {
            Turn::User { text } if text.is_empty() => continue,
            Turn::User { text } => ("user", vec![json!({"type": "text", "text": text})]),
            Turn::Assistant { text, calls, raw } => {
                ("assistant", assistant_blocks(text, calls, raw.as_ref()))
            }
            Turn::ToolResults { results } => ("user", results.iter().map(tool_result).collect()),
        };
        if blocks.is_empty() {
            continue;
        }
        match out.last_mut() {
            Some((last, content)) if *last == role => content.extend(blocks),
            _ => out.push((role, blocks)),
        }
    }
    out.into_iter()
        .map(|(role, mut content)| {
            if role == "user" {
                // A stable sort: tool results first, everything else after, in order.
                content.sort_by_key(|block| block["type"] != "tool_result");
            }
            json!({"role": role, "content": content})
        })
        .collect()
}

/// The assistant's content: its raw blocks verbatim when the turn kept
/// them (an array of blocks or a whole message), else text and `tool_use`.
fn assistant_blocks(text: &str, calls: &[ToolCall], raw: Option<&Value>) -> Vec<Value> {
    let raw_blocks = raw.and_then(|raw| match raw {
        Value::Array(blocks) => Some(blocks),
        Value::Object(message) => message.get("content").and_then(Value::as_array),
        _ => None,
    });
    if let Some(blocks) = raw_blocks {
        return blocks.clone();
    }
    let mut blocks = Vec::new();
    if !text.is_empty() {
        blocks.push(json!({"type": "text", "text": text}));
    }
    for call in calls {
        blocks.push(json!({
            "type": "tool_use",
            "id": call.id,
            "name": call.name,
            "input": if call.args.is_object() { call.args.clone() } else { json!({}) },
        }));
    }
    blocks
}

fn tool_result(result: &ToolResult) -> Value {
    json!({
        "type": "tool_result",
        "tool_use_id": result.call_id,
        "content": result.content,
        "is_error": result.is_error,
    })
}

fn stop_reason(reason: Option<&str>) -> StopReason {
    match reason {
        Some("end_turn" | "stop_sequence") => StopReason::EndTurn,
        Some("tool_use") => StopReason::ToolUse,
        Some("max_tokens" | "model_context_window_exceeded") => StopReason::MaxTokens,
        Some("refusal") => StopReason::Refusal,
        _ => StopReason::Other,
    }
}

/// Input tokens include cache writes and reads; counts only grow.
fn absorb_usage(usage: &mut Usage, value: &Value) {
    let count = |key: &str| value.get(key).and_then(Value::as_u64);
    let input = [
        "input_tokens",
        "cache_creation_input_tokens",
        "cache_read_input_tokens",
    ]
    .iter()
    .filter_map(|key| count(key))
    .reduce(|a, b| a + b);
    if let Some(input) = input {
        usage.input_tokens = usage.input_tokens.max(input);
    }
    if let Some(output) = count("output_tokens") {
        usage.output_tokens = usage.output_tokens.max(output);
    }
}

/// A non-streamed Messages response.
fn parse_message(value: &Value) -> Result<ChatResponse, LlmError> {
    let content = value
        .get("content")
        .and_then(Value::as_array)
        .ok_or_else(|| LlmError::Malformed("message without a content array".into()))?;
    let mut text = String::new();
    let mut calls = Vec::new();
    for block in content {
        match block.get("type").and_then(Value::as_str) {
            Some("text") => text.push_str(block.get("text").and_then(Value::as_str).unwrap_or("")),
            Some("tool_use") => calls.push(tool_use_call(block)?),
            _ => {}
        }
    }
    let mut usage = Usage::default();
    if let Some(u) = value.get("usage") {
        absorb_usage(&mut usage, u);
    }
    Ok(ChatResponse {
        text,
        calls,
        raw: Some(Value::Array(content.clone())),
        usage,
        stop: stop_reason(value.get("stop_reason").and_then(Value::as_str)),
    })
}

fn tool_use_call(block: &Value) -> Result<ToolCall, LlmError> {
    let field = |key: &str| block.get(key).and_then(Value::as_str);
    let (Some(id), Some(name)) = (field("id"), field("name")) else {
        return Err(LlmError::Malformed(
            "tool_use block without id or name".into(),
        ));
    };
    Ok(match block.get("input") {
        Some(input @ Value::Object(_)) => ToolCall {
            id: id.to_string(),
            name: name.to_string(),
            args: input.clone(),
            malformed: false,
        },
        Some(Value::String(raw)) => ToolCall::from_arguments(id, name, raw),
        other => ToolCall {
            id: id.to_string(),
            name: name.to_string(),
            args: Value::String(other.map(Value::to_string).unwrap_or_default()),
            malformed: true,
        },
    })
}

/// A content block being streamed: the block as `content_block_start` gave
/// it, deltas applied, and the `partial_json` of a `tool_use`.
struct Block {
    value: Value,
    json: String,
    stopped: bool,
    /// A `tool_use` whose JSON did not parse: the raw text.
    malformed: Option<String>,
}

impl Block {
    fn append(&mut self, key: &str, piece: &str) {
        if let Some(object) = self.value.as_object_mut() {
            let entry = object.entry(key).or_insert_with(|| json!(""));
            if let Value::String(text) = entry {
                text.push_str(piece);
            }
        }
    }

    fn stop(&mut self) {
        if self.stopped {
            return;
        }
        self.stopped = true;
        if self.value.get("type").and_then(Value::as_str) != Some("tool_use") {
            return;
        }
        if self.json.trim().is_empty() {
            if !self.value.get("input").is_some_and(Value::is_object) {
                self.value["input"] = json!({});
            }
            return;
        }
        match serde_json::from_str::<Value>(&self.json) {
            Ok(input @ Value::Object(_)) => self.value["input"] = input,
            _ => {
                // Replayed as `{}`: the API only takes objects as input.
                self.value["input"] = json!({});
                self.malformed = Some(std::mem::take(&mut self.json));
            }
        }
    }
}

fn data_json(data: &str, event: &str) -> Result<Value, LlmError> {
    serde_json::from_str(data).map_err(|e| {
        LlmError::Stream(format!(
            "unreadable {event} event ({e}): {}",
            super::truncate(data, 200)
        ))
    })
}

fn index_of(value: &Value) -> Result<u64, LlmError> {
    value
        .get("index")
        .and_then(Value::as_u64)
        .ok_or_else(|| LlmError::Stream("content block event without an index".into()))
}

/// A streamed Messages response. An `error` event discards everything.
async fn read_stream(
    mut events: SseStream,
    on_text: TextSink<'_>,
) -> Result<ChatResponse, LlmError> {
    let mut blocks: BTreeMap<u64, Block> = BTreeMap::new();
    let mut usage = Usage::default();
    let mut stop: Option<String> = None;
    let mut started = false;
    let mut finished = false;
    while let Some(event) = events.next_event().await? {
        let kind = event.kind().to_string();
        match kind.as_str() {
            "ping" => {}
            "message_start" => {
                let value = data_json(&event.data, &kind)?;
                started = true;
                if let Some(u) = value.pointer("/message/usage") {
                    absorb_usage(&mut usage, u);
                }
            }
            "content_block_start" => {
                let value = data_json(&event.data, &kind)?;
                let index = index_of(&value)?;
                let block = value
                    .get("content_block")
                    .filter(|b| b.is_object())
                    .cloned()
                    .ok_or_else(|| {
                        LlmError::Stream("content_block_start without a block".into())
                    })?;
                blocks.insert(
                    index,
                    Block {
                        value: block,
                        json: String::new(),
                        stopped: false,
                        malformed: None,
                    },
                );
            }
            "content_block_delta" => {
                let value = data_json(&event.data, &kind)?;
                let index = index_of(&value)?;
                let Some(block) = blocks.get_mut(&index) else {
                    tracing::warn!(
                        provider = NAME,
                        index,
                        "delta for a block that never started"
                    );
                    continue;
                };
                let delta = value.get("delta").cloned().unwrap_or(Value::Null);
                let piece = |key: &str| delta.get(key).and_then(Value::as_str).unwrap_or("");
                match delta.get("type").and_then(Value::as_str) {
                    Some("text_delta") => {
                        let text = piece("text");
                        block.append("text", text);
                        if !text.is_empty() {
                            on_text(text);
                        }
                    }
                    Some("input_json_delta") => block.json.push_str(piece("partial_json")),
                    Some("thinking_delta") => block.append("thinking", piece("thinking")),
                    Some("signature_delta") => block.value["signature"] = json!(piece("signature")),
                    Some("citations_delta") => {
                        if let (Some(citation), Some(object)) =
                            (delta.get("citation"), block.value.as_object_mut())
                        {
                            let list = object.entry("citations").or_insert_with(|| json!([]));
                            if !list.is_array() {
                                *list = json!([]);
                            }
                            if let Value::Array(list) = list {
                                list.push(citation.clone());
                            }
                        }
                    }
                    other => {
                        tracing::debug!(provider = NAME, delta = ?other, "unknown delta ignored")
                    }
                }
            }
            "content_block_stop" => {
                let value = data_json(&event.data, &kind)?;
                if let Some(block) = blocks.get_mut(&index_of(&value)?) {
                    block.stop();
                }
            }
            "message_delta" => {
                let value = data_json(&event.data, &kind)?;
                if let Some(reason) = value.pointer("/delta/stop_reason").and_then(Value::as_str) {
                    stop = Some(reason.to_string());
                }
                if let Some(u) = value.get("usage") {
                    absorb_usage(&mut usage, u);
                }
            }
            "message_stop" => {
                finished = true;
                break;
            }
            "error" => {
                let value: Value = serde_json::from_str(&event.data).unwrap_or(Value::Null);
                let kind = value
                    .pointer("/error/type")
                    .and_then(Value::as_str)
                    .unwrap_or("error");
                let message = value
                    .pointer("/error/message")
                    .and_then(Value::as_str)
                    .map(str::to_string)
                    .unwrap_or_else(|| super::truncate(&event.data, 200));
                tracing::warn!(provider = NAME, kind, message = %message, "error event mid-stream; partial answer discarded");
                return Err(LlmError::Stream(format!("{kind}: {message}")));
            }
            other => tracing::debug!(provider = NAME, event = other, "unknown event ignored"),
        }
    }
    if !started {
        return Err(LlmError::Stream(
            "the stream ended before message_start".into(),
        ));
    }
    if !finished && stop.is_none() {
        return Err(LlmError::Stream(
            "the stream ended before message_stop".into(),
        ));
    }
    let mut text = String::new();
    let mut calls = Vec::new();
    let mut raw = Vec::new();
    for block in blocks.values_mut() {
        block.stop();
        match block.value.get("type").and_then(Value::as_str) {
            Some("text") => text.push_str(
                block
                    .value
                    .get("text")
                    .and_then(Value::as_str)
                    .unwrap_or(""),
            ),
            Some("tool_use") => {
                let mut call =
                    tool_use_call(&block.value).map_err(|e| LlmError::Stream(e.to_string()))?;
                if let Some(raw_json) = &block.malformed {
                    tracing::warn!(provider = NAME, tool = %call.name, "tool arguments are not a JSON object");
                    call.args = Value::String(raw_json.clone());
                    call.malformed = true;
                }
                calls.push(call);
            }
            _ => {}
        }
        raw.push(block.value.clone());
    }
    Ok(ChatResponse {
        text,
        calls,
        raw: Some(Value::Array(raw)),
        usage,
        stop: stop_reason(stop.as_deref()),
    })
}

/// Status and body of a failed request as an [`LlmError`]: a spend limit
/// or billing problem is [`LlmError::QuotaExhausted`], never retried.
fn classify_error(status: u16, headers: &reqwest::header::HeaderMap, body: &str) -> LlmError {
    let value: Value = serde_json::from_str(body).unwrap_or(Value::Null);
    let error = value
        .get("error")
        .cloned()
        .unwrap_or(Value::Object(Map::new()));
    let kind = error.get("type").and_then(Value::as_str).unwrap_or("");
    let message = error
        .get("message")
        .and_then(Value::as_str)
        .map(str::to_string)
        .unwrap_or_else(|| super::truncate(body, 300));
    let code = error.pointer("/details/error_code").and_then(Value::as_str);
    let lower = message.to_lowercase();
    let about_money = [
        "spend limit",
        "spending limit",
        "billing",
        "quota",
        "credit balance",
    ]
    .iter()
    .any(|word| lower.contains(word));
    if (status == 429 && (code == Some("enforced_spend_limit_reached") || about_money))
        || status == 402
        || kind == "billing_error"
        || (status == 400 && lower.contains("credit balance"))
    {
        return LlmError::QuotaExhausted(message);
    }
    super::classify_status(status, super::retry_after_from_headers(headers), message)
}
