//! Gemini API client (`models/{model}:generateContent` and
//! `:streamGenerateContent?alt=sse`). See `PROTOCOLS.md` §2.
//!
//! The model turn's parts are kept verbatim in [`ChatResponse::raw`]
//! (`{"role":"model","parts":[…]}`) and replayed as they are: Gemini 3
//! rejects a follow-up whose `functionCall` parts lost their
//! `thoughtSignature`.

use super::sse::SseStream;
use super::{
    ChatRequest, ChatResponse, Endpoint, LlmError, Provider, StopReason, TextSink, ToolCall,
    ToolResult, ToolSpec, Turn, Usage,
};
use crate::config::Secret;
use async_trait::async_trait;
use serde_json::{Map, Value, json};
use std::time::Duration;

/// The public endpoint.
pub const DEFAULT_BASE_URL: &str = "https://generativelanguage.googleapis.com";
const NAME: &str = "gemini";
/// Ids of calls Gemini gave none start with this; they are never sent back.
const GENERATED_ID_PREFIX: &str = "gemini-call-";

/// A client of the Gemini API.
#[derive(Debug, Clone)]
pub struct GeminiProvider {
    at: Endpoint,
}

impl GeminiProvider {
    /// `base_url` without `/v1beta` (e.g. [`DEFAULT_BASE_URL`]); `model` with
    /// or without the `models/` prefix.
    pub fn new(
        client: reqwest::Client,
        base_url: impl Into<String>,
        model: impl Into<String>,
        api_key: Secret,
        stream: bool,
        max_tokens: u32,
    ) -> GeminiProvider {
        let model: String = model.into();
        let model = model.strip_prefix("models/").unwrap_or(&model).to_string();
        GeminiProvider {
            at: Endpoint::new(client, base_url, model, api_key, stream, max_tokens),
        }
    }

    /// The JSON body sent for `request`.
    pub fn request_body(&self, request: &ChatRequest) -> Value {
        let mut body = json!({
            "contents": contents(&request.turns),
            "generationConfig": {
                "maxOutputTokens": super::effective_max_tokens(request.max_tokens, self.at.max_tokens),
            },
        });
        if !request.system.is_empty() {
            body["systemInstruction"] = json!({"parts": [{"text": request.system}]});
        }
        if !request.tools.is_empty() {
            let declarations: Vec<Value> = request.tools.iter().map(declaration).collect();
            body["tools"] = json!([{"functionDeclarations": declarations}]);
        }
        body
    }

    fn url(&self) -> String {
        if self.at.stream {
            format!(
                "{}/v1beta/models/{}:streamGenerateContent?alt=sse",
                self.at.base_url, self.at.model
            )
        } else {
            format!(
                "{}/v1beta/models/{}:generateContent",
                self.at.base_url, self.at.model
            )
        }
    }
}

#[async_trait]
impl Provider for GeminiProvider {
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
        let builder = self
            .at
            .client
            .post(self.url())
            .header("x-goog-api-key", self.at.api_key.expose())
            .json(&body);
        let response = super::send(NAME, builder, classify_error).await?;
        let mut answer = Answer::default();
        if self.at.stream {
            let mut events = SseStream::from_response(response);
            while let Some(event) = events.next_event().await? {
                let data = event.data.trim();
                if data.is_empty() || data == "[DONE]" {
                    continue;
                }
                let chunk: Value = serde_json::from_str(data).map_err(|e| {
                    LlmError::Stream(format!(
                        "unreadable chunk ({e}): {}",
                        super::truncate(data, 200)
                    ))
                })?;
                answer.absorb(&chunk, &mut *on_text)?;
            }
            if answer.chunks == 0 {
                return Err(LlmError::Stream("the stream ended without a chunk".into()));
            }
            if answer.finish.is_none() && answer.block_reason.is_none() {
                return Err(LlmError::Stream(
                    "the stream ended before a finishReason".into(),
                ));
            }
        } else {
            let value = super::read_json(response).await?;
            if !value.is_object() {
                return Err(LlmError::Malformed(
                    "the answer is not a JSON object".into(),
                ));
            }
            answer.absorb(&value, &mut *on_text)?;
        }
        Ok(answer.finish())
    }
}

fn declaration(spec: &ToolSpec) -> Value {
    let mut declaration = json!({"name": spec.name, "description": spec.description});
    let schema = gemini_schema(&spec.parameters);
    // Gemini rejects an OBJECT schema with no properties: leave it out.
    let empty_object = schema
        .get("properties")
        .and_then(Value::as_object)
        .is_none_or(Map::is_empty)
        && schema.get("type").and_then(Value::as_str) == Some("object");
    if !empty_object && schema.as_object().is_some_and(|s| !s.is_empty()) {
        declaration["parameters"] = schema;
    }
    declaration
}

/// Turns as Gemini contents (roles `user` and `model`), consecutive turns
/// of one role merged.
fn contents(turns: &[Turn]) -> Vec<Value> {
    let mut out: Vec<(&str, Vec<Value>)> = Vec::new();
    for turn in turns {
        let (role, parts) = match turn {
            Turn::User { text } if text.is_empty() => continue,
            Turn::User { text } => ("user", vec![json!({"text": text})]),
            Turn::Assistant { text, calls, raw } => {
                ("model", model_parts(text, calls, raw.as_ref()))
            }
            Turn::ToolResults { results } => {
                ("user", results.iter().map(function_response).collect())
            }
        };
        if parts.is_empty() {
            continue;
        }
        match out.last_mut() {
            Some((last, existing)) if *last == role => existing.extend(parts),
            _ => out.push((role, parts)),
        }
    }
    out.into_iter()
        .map(|(role, parts)| json!({"role": role, "parts": parts}))
        .collect()
}

/// The model turn's parts: verbatim from `raw` (a content object or a parts
/// array) when kept, else rebuilt from text and calls.
fn model_parts(text: &str, calls: &[ToolCall], raw: Option<&Value>) -> Vec<Value> {
    let raw_parts = raw.and_then(|raw| match raw {
        Value::Array(parts) => Some(parts),
        Value::Object(content) => content.get("parts").and_then(Value::as_array),
        _ => None,
    });
    if let Some(parts) = raw_parts {
        return parts.clone();
    }
    let mut parts = Vec::new();
    if !text.is_empty() {
        parts.push(json!({"text": text}));
    }
    for call in calls {
        let mut function_call = json!({
            "name": call.name,
            "args": if call.args.is_object() { call.args.clone() } else { json!({}) },
        });
        if !call.id.starts_with(GENERATED_ID_PREFIX) {
            function_call["id"] = json!(call.id);
        }
        parts.push(json!({"functionCall": function_call}));
    }
    parts
}

fn function_response(result: &ToolResult) -> Value {
    let content = serde_json::from_str::<Value>(&result.content)
        .unwrap_or_else(|_| Value::String(result.content.clone()));
    let key = if result.is_error { "error" } else { "output" };
    let mut response = json!({"name": result.name, "response": {key: content}});
    if !result.call_id.starts_with(GENERATED_ID_PREFIX) && !result.call_id.is_empty() {
        response["id"] = json!(result.call_id);
    }
    json!({"functionResponse": response})
}

/// An answer built from one response or from the chunks of a stream.
#[derive(Default)]
struct Answer {
    parts: Vec<Value>,
    text: String,
    calls: Vec<ToolCall>,
    usage: Usage,
    finish: Option<String>,
    block_reason: Option<String>,
    chunks: usize,
}

/// A part with only `text` (and maybe `thought`): streamed pieces of such
/// parts are merged; any other part (one with a `thoughtSignature`, a
/// `functionCall`…) is kept as it came.
fn plain_text(part: &Value) -> Option<(&str, bool)> {
    let object = part.as_object()?;
    let text = object.get("text")?.as_str()?;
    let thought = match object.get("thought") {
        None => false,
        Some(Value::Bool(b)) => *b,
        Some(_) => return None,
    };
    let expected = 1 + usize::from(object.contains_key("thought"));
    (object.len() == expected).then_some((text, thought))
}

impl Answer {
    fn absorb(
        &mut self,
        chunk: &Value,
        on_text: &mut (dyn FnMut(&str) + Send),
    ) -> Result<(), LlmError> {
        if let Some(error) = chunk.get("error") {
            let message = error
                .get("message")
                .and_then(Value::as_str)
                .unwrap_or("error in the stream");
            let status = error.get("status").and_then(Value::as_str).unwrap_or("");
            return Err(LlmError::Stream(
                format!("{status} {message}").trim().to_string(),
            ));
        }
        self.chunks += 1;
        if let Some(usage) = chunk.get("usageMetadata") {
            let count = |key: &str| usage.get(key).and_then(Value::as_u64);
            if let Some(input) = count("promptTokenCount") {
                self.usage.input_tokens = input;
            }
            let output = count("candidatesTokenCount").unwrap_or(0)
                + count("thoughtsTokenCount").unwrap_or(0);
            if output > 0 {
                self.usage.output_tokens = output;
            }
        }
        if let Some(reason) = chunk
            .pointer("/promptFeedback/blockReason")
            .and_then(Value::as_str)
        {
            self.block_reason = Some(reason.to_string());
        }
        let Some(candidate) = chunk.pointer("/candidates/0") else {
            return Ok(());
        };
        if let Some(parts) = candidate
            .pointer("/content/parts")
            .and_then(Value::as_array)
        {
            for part in parts {
                self.push_part(part, on_text);
            }
        }
        if let Some(reason) = candidate.get("finishReason").and_then(Value::as_str) {
            self.finish = Some(reason.to_string());
        }
        Ok(())
    }

    fn push_part(&mut self, part: &Value, on_text: &mut (dyn FnMut(&str) + Send)) {
        if let Some(call) = part.get("functionCall") {
            let id = call
                .get("id")
                .and_then(Value::as_str)
                .filter(|id| !id.is_empty())
                .map(str::to_string)
                .unwrap_or_else(|| super::generated_id(GENERATED_ID_PREFIX));
            let name = call.get("name").and_then(Value::as_str).unwrap_or("");
            let tool_call = match call.get("args") {
                None | Some(Value::Null) => ToolCall::from_arguments(id, name, ""),
                Some(args @ Value::Object(_)) => ToolCall {
                    id,
                    name: name.to_string(),
                    args: args.clone(),
                    malformed: false,
                },
                Some(Value::String(raw)) => ToolCall::from_arguments(id, name, raw),
                Some(other) => ToolCall {
                    id,
                    name: name.to_string(),
                    args: Value::String(other.to_string()),
                    malformed: true,
                },
            };
            if tool_call.malformed {
                tracing::warn!(provider = NAME, tool = %tool_call.name, "function call arguments are not an object");
            }
            self.calls.push(tool_call);
            self.parts.push(part.clone());
            return;
        }
        if let Some((text, thought)) = plain_text(part) {
            if !thought && !text.is_empty() {
                self.text.push_str(text);
                on_text(text);
            }
            let merged = self
                .parts
                .last_mut()
                .filter(|last| plain_text(last).is_some_and(|(_, t)| t == thought))
                .and_then(|last| last.get_mut("text"))
                .and_then(|existing| match existing {
                    Value::String(existing) => {
                        existing.push_str(text);
                        Some(())
                    }
                    _ => None,
                });
            if merged.is_none() {
                self.parts.push(part.clone());
            }
            return;
        }
        // Any other part (text with a signature, inline data, code…) as it came.
        if part.get("thought").and_then(Value::as_bool) != Some(true)
            && let Some(text) = part.get("text").and_then(Value::as_str)
            && !text.is_empty()
        {
            self.text.push_str(text);
            on_text(text);
        }
        self.parts.push(part.clone());
    }

    fn finish(self) -> ChatResponse {
        let stop = match self.finish.as_deref() {
            _ if !self.calls.is_empty() => StopReason::ToolUse,
            Some("STOP") => StopReason::EndTurn,
            Some("MAX_TOKENS") => StopReason::MaxTokens,
            Some(
                "SAFETY" | "RECITATION" | "BLOCKLIST" | "PROHIBITED_CONTENT" | "SPII"
                | "IMAGE_SAFETY",
            ) => StopReason::Refusal,
            None if self.block_reason.is_some() => StopReason::Refusal,
            _ => StopReason::Other,
        };
        ChatResponse {
            text: self.text,
            calls: self.calls,
            raw: Some(json!({"role": "model", "parts": self.parts})),
            usage: self.usage,
            stop,
        }
    }
}

/// A JSON schema in the OpenAPI subset Gemini accepts: `$ref`s inlined,
/// `$schema`/`additionalProperties`/`title`/`$defs` and other unknown
/// keywords dropped, `type: [x, "null"]` and `anyOf`/`oneOf` with a null
/// variant turned into `nullable`, formats Gemini rejects dropped.
pub fn gemini_schema(schema: &Value) -> Value {
    let mut definitions = Map::new();
    for key in ["definitions", "$defs"] {
        if let Some(defs) = schema.get(key).and_then(Value::as_object) {
            definitions.extend(defs.clone());
        }
    }
    convert_schema(schema, &definitions, 0)
}

const MAX_SCHEMA_DEPTH: usize = 24;

/// Keywords copied as they are.
const KEPT: &[&str] = &[
    "description",
    "nullable",
    "minimum",
    "maximum",
    "minItems",
    "maxItems",
    "minLength",
    "maxLength",
    "minProperties",
    "maxProperties",
    "pattern",
    "propertyOrdering",
    "example",
];

fn is_null_schema(schema: &Value) -> bool {
    schema.get("type").and_then(Value::as_str) == Some("null")
        || schema.get("const").is_some_and(Value::is_null)
}

fn convert_schema(schema: &Value, definitions: &Map<String, Value>, depth: usize) -> Value {
    let Some(object) = schema.as_object() else {
        return json!({});
    };
    if depth > MAX_SCHEMA_DEPTH {
        return json!({"type": "object"});
    }
    if let Some(reference) = object.get("$ref").and_then(Value::as_str) {
        let name = reference.rsplit('/').next().unwrap_or(reference);
        let mut target = match definitions.get(name) {
            Some(target) => convert_schema(target, definitions, depth + 1),
            None => json!({}),
        };
        if let (Some(description), Some(out)) = (object.get("description"), target.as_object_mut())
        {
            out.insert("description".into(), description.clone());
        }
        return target;
    }
    for key in ["anyOf", "oneOf"] {
        let Some(variants) = object.get(key).and_then(Value::as_array) else {
            continue;
        };
        let (nulls, rest): (Vec<&Value>, Vec<&Value>) =
            variants.iter().partition(|v| is_null_schema(v));
        let mut out = match rest.as_slice() {
            [only] => convert_schema(only, definitions, depth + 1),
            many => json!({
                "anyOf": many.iter().map(|v| convert_schema(v, definitions, depth + 1)).collect::<Vec<_>>(),
            }),
        };
        if let Some(out) = out.as_object_mut() {
            if !nulls.is_empty() {
                out.insert("nullable".into(), json!(true));
            }
            if let Some(description) = object.get("description") {
                out.entry("description")
                    .or_insert_with(|| description.clone());
            }
        }
        return out;
    }
    if let Some(all) = object.get("allOf").and_then(Value::as_array) {
        let mut merged = Map::new();
        for part in all {
            if let Value::Object(part) = convert_schema(part, definitions, depth + 1) {
                for (key, value) in part {
                    match (merged.get_mut(&key), value) {
                        (Some(Value::Object(existing)), Value::Object(more))
                            if key == "properties" =>
                        {
                            existing.extend(more)
                        }
                        (Some(Value::Array(existing)), Value::Array(more)) if key == "required" => {
                            existing.extend(more)
                        }
                        (_, value) => {
                            merged.insert(key, value);
                        }
                    }
                }
            }
        }
        if let Some(description) = object.get("description") {
            merged.insert("description".into(), description.clone());
        }
        return Value::Object(merged);
    }

    let mut out = Map::new();
    let mut kind: Option<String> = None;
    match object.get("type") {
        Some(Value::String(t)) if t == "null" => {
            out.insert("nullable".into(), json!(true));
        }
        Some(Value::String(t)) => kind = Some(t.clone()),
        Some(Value::Array(types)) => {
            let names: Vec<&str> = types.iter().filter_map(Value::as_str).collect();
            let concrete: Vec<&str> = names.iter().copied().filter(|t| *t != "null").collect();
            if concrete.len() < names.len() {
                out.insert("nullable".into(), json!(true));
            }
            match concrete.as_slice() {
                [] => {}
                [one] => kind = Some((*one).to_string()),
                many => {
                    let variants: Vec<Value> = many.iter().map(|t| json!({"type": t})).collect();
                    out.insert("anyOf".into(), Value::Array(variants));
                }
            }
        }
        _ => {}
    }
    if kind.is_none() && object.contains_key("properties") {
        kind = Some("object".into());
    }
    if let Some(kind) = &kind {
        out.insert("type".into(), json!(kind));
    }
    for key in KEPT {
        if let Some(value) = object.get(*key) {
            out.insert((*key).to_string(), value.clone());
        }
    }
    if let Some(format) = object.get("format").and_then(Value::as_str) {
        let supported = matches!(
            (kind.as_deref(), format),
            (Some("string"), "enum" | "date-time")
                | (Some("integer"), "int32" | "int64")
                | (Some("number"), "float" | "double")
        );
        if supported {
            out.insert("format".into(), json!(format));
        }
    }
    let enumeration = object
        .get("enum")
        .and_then(Value::as_array)
        .cloned()
        .or_else(|| object.get("const").map(|c| vec![c.clone()]));
    if let Some(values) = enumeration {
        let strings: Vec<Value> = values.iter().filter(|v| v.is_string()).cloned().collect();
        if strings.len() == values.len() && !strings.is_empty() {
            out.insert("enum".into(), Value::Array(strings));
            out.entry("type").or_insert_with(|| json!("string"));
        }
    }
    if let Some(properties) = object.get("properties").and_then(Value::as_object) {
        let converted: Map<String, Value> = properties
            .iter()
            .map(|(name, schema)| (name.clone(), convert_schema(schema, definitions, depth + 1)))
            .collect();
        if let Some(required) = object.get("required").and_then(Value::as_array) {
            let required: Vec<Value> = required
                .iter()
                .filter(|name| name.as_str().is_some_and(|n| converted.contains_key(n)))
                .cloned()
                .collect();
            if !required.is_empty() {
                out.insert("required".into(), Value::Array(required));
            }
        }
        out.insert("properties".into(), Value::Object(converted));
    }
    match object.get("items") {
        Some(items @ Value::Object(_)) => {
            out.insert(
                "items".into(),
                convert_schema(items, definitions, depth + 1),
            );
        }
        Some(Value::Array(tuple)) => {
            if let Some(first) = tuple.first() {
                out.insert(
                    "items".into(),
                    convert_schema(first, definitions, depth + 1),
                );
            }
        }
        _ => {}
    }
    Value::Object(out)
}

/// `"37s"`, `"3.700s"` → a duration.
pub fn parse_retry_delay(text: &str) -> Option<Duration> {
    let seconds: f64 = text.trim().strip_suffix('s')?.trim().parse().ok()?;
    (seconds.is_finite() && seconds >= 0.0).then(|| Duration::from_secs_f64(seconds))
}

/// Status and body of a failed request as an [`LlmError`]: `RetryInfo`
/// gives the delay, a daily quota is [`LlmError::QuotaExhausted`], an
/// invalid key is [`LlmError::Auth`].
fn classify_error(status: u16, headers: &reqwest::header::HeaderMap, body: &str) -> LlmError {
    let value: Value = serde_json::from_str(body).unwrap_or(Value::Null);
    // The streaming endpoint may wrap the error in an array.
    let value = match value {
        Value::Array(mut items) if !items.is_empty() => items.swap_remove(0),
        other => other,
    };
    let error = value.get("error").cloned().unwrap_or(Value::Null);
    let message = error
        .get("message")
        .and_then(Value::as_str)
        .map(str::to_string)
        .unwrap_or_else(|| super::truncate(body, 300));
    let grpc_status = error.get("status").and_then(Value::as_str).unwrap_or("");
    let details: &[Value] = error
        .get("details")
        .and_then(Value::as_array)
        .map_or(&[], Vec::as_slice);
    let of_type = |detail: &Value, suffix: &str| {
        detail
            .get("@type")
            .and_then(Value::as_str)
            .is_some_and(|t| t.ends_with(suffix))
    };
    let retry_delay = details
        .iter()
        .filter(|d| of_type(d, "google.rpc.RetryInfo"))
        .find_map(|d| {
            d.get("retryDelay")
                .and_then(Value::as_str)
                .and_then(parse_retry_delay)
        });
    let daily_quota = details
        .iter()
        .filter(|d| of_type(d, "google.rpc.QuotaFailure"))
        .filter_map(|d| d.get("violations").and_then(Value::as_array))
        .flatten()
        .any(|violation| {
            violation
                .get("quotaId")
                .and_then(Value::as_str)
                .is_some_and(|id| id.contains("PerDay"))
        });
    let invalid_key = details.iter().any(|d| {
        of_type(d, "google.rpc.ErrorInfo")
            && d.get("reason").and_then(Value::as_str) == Some("API_KEY_INVALID")
    });
    tracing::debug!(
        provider = NAME,
        status,
        grpc_status,
        daily_quota,
        "error details"
    );
    if status == 429 && daily_quota {
        return LlmError::QuotaExhausted(message);
    }
    if status == 400 && invalid_key {
        return LlmError::Auth;
    }
    let retry_after = retry_delay.or_else(|| super::retry_after_from_headers(headers));
    super::classify_status(status, retry_after, message)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_delays() {
        assert_eq!(parse_retry_delay("37s"), Some(Duration::from_secs(37)));
        assert_eq!(
            parse_retry_delay("3.700s"),
            Some(Duration::from_millis(3700))
        );
        assert_eq!(parse_retry_delay("soon"), None);
    }

    #[test]
    fn schema_subset() {
        let schema = json!({
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "title": "Args",
            "type": "object",
            "additionalProperties": false,
            "$defs": {"Unit": {"type": "string", "enum": ["g", "ml"], "title": "Unit"}},
            "properties": {
                "unit": {"$ref": "#/$defs/Unit", "description": "unit"},
                "note": {"anyOf": [{"type": "string"}, {"type": "null"}], "default": null},
                "day": {"type": ["string", "null"], "format": "date"},
                "count": {"type": "integer", "format": "uint32", "minimum": 0},
                "tags": {"type": "array", "items": {"type": "string", "title": "t"}},
                "pick": {"oneOf": [{"type": "string"}, {"type": "integer"}]}
            },
            "required": ["unit", "missing"]
        });
        assert_eq!(
            gemini_schema(&schema),
            json!({
                "type": "object",
                "properties": {
                    "unit": {"type": "string", "enum": ["g", "ml"], "description": "unit"},
                    "note": {"type": "string", "nullable": true},
                    "day": {"type": "string", "nullable": true},
                    "count": {"type": "integer", "minimum": 0},
                    "tags": {"type": "array", "items": {"type": "string"}},
                    "pick": {"anyOf": [{"type": "string"}, {"type": "integer"}]}
                },
                "required": ["unit"]
            })
        );
    }
}
