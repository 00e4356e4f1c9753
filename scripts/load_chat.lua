-- wrk script: POST /api/chat from 100 sessions (50 connections per thread,
-- two threads), cycling through everyday messages in English and Spanish.
--   wrk -t2 -c100 -d30s --latency -s scripts/load_chat.lua http://127.0.0.1:8099
local threads = 0
local messages = {
  "we need 2 lemons and some garlic",
  "shopping list",
  "got the lemons",
  "what's for dinner tonight?",
  "we have 2 kg of flour",
  "se acabaron los huevos",
  "qué hay que comprar",
  "anotá leche y pan",
  "what's in the pantry",
  "undo",
}

function setup(thread)
  thread:set("tid", threads)
  threads = threads + 1
end

local n = 0
function request()
  n = n + 1
  local session = "load-" .. tid .. "-" .. (n % 50)
  local text = messages[(n % #messages) + 1]
  local body = '{"session":"' .. session .. '","text":"' .. text .. '"}'
  return wrk.format("POST", "/api/chat", { ["Content-Type"] = "application/json" }, body)
end

local bad = 0
function response(status, headers, body)
  if status ~= 200 then
    bad = bad + 1
  end
end
