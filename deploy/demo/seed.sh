#!/usr/bin/env bash
# Demo data for a local platform: agents on four lines, routing rules, customers on every plan, tickets from
# several channels, then day.mjs's knowledge base and tickets in every state. Run by `./tierdesk up` (TIERDESK_NO_DEMO=1 skips it); safe to run again: agents and customers
# are PUT as they are, rules are written only while none exist, and the channel events carry fixed ids, so a second
# run is absorbed as retries.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
PORT_BASE="${TIERDESK_PORT_BASE:-8080}"
INTAKE="http://127.0.0.1:$((PORT_BASE + 1))"
ROUTER="http://127.0.0.1:$((PORT_BASE + 2))"
SUPERVISOR="$("$ROOT/tierdesk" token supervisor pavel)"
ADMIN="$("$ROOT/tierdesk" token admin demo-admin)"
CHANNEL="$("$ROOT/tierdesk" token channel demo-adapters)"

# call METHOD URL TOKEN [JSON [CONTENT-TYPE]]: fails on any status but 2xx, printing the answer.
call() {
  local out status
  out="$(mktemp)"
  status="$(curl -sS -o "$out" -w '%{http_code}' -X "$1" -H "Authorization: Bearer $3" \
    ${4:+-H "Content-Type: ${5:-application/json}" --data-binary "$4"} "$2")"
  if [[ "$status" != 2* ]]; then
    echo "demo data: $1 $2 answered $status: $(cat "$out")" >&2; rm -f "$out"; return 1
  fi
  cat "$out"; rm -f "$out"
}

agent() { # id name tier capacity supervisor skills(json array)
  call PUT "$ROUTER/api/v1/agents/$1" "$SUPERVISOR" "{\"name\":\"$2\",\"email\":\"$1@tierdesk.local\",\"tier\":\"$3\",\
\"capacity\":$4,\"supervisor\":\"$5\",\"skills\":$6,\"languages\":[\"ru\",\"en\"]}" >/dev/null
  call GET "$ROUTER/api/v1/agents/$1" "$SUPERVISOR" | grep -q '"presence":"online"' \
    || call POST "$ROUTER/api/v1/agents/$1/presence" "$SUPERVISOR" '{"presence":"online"}' >/dev/null
}
agent anna   "Anna Smirnova"     L1 5  sveta '["network","mail","printer"]'
agent boris  "Boris Kuznetsov"   L1 5  sveta '["network","servers","mail"]'
agent elena  "Elena Popova"      L1 5  sveta '["printer","mail","accounts"]'
agent viktor "Viktor Orlov"      L2 4  pavel '["network","servers"]'
agent galina "Galina Petrova"    L2 4  pavel '["servers","mail"]'
agent igor   "Igor Novikov"      L2 4  pavel '["network","security"]'
agent dmitry "Dmitry Volkov"     L3 3  pavel '["servers","network"]'
agent vendor "Vendor liaison"    L4 10 pavel '["servers","network","mail","printer"]'

if call GET "$ROUTER/api/v1/routing-rules" "$SUPERVISOR" | grep -q '"version":0'; then
  call PUT "$ROUTER/api/v1/routing-rules" "$SUPERVISOR" '{"rules":[
    {"name":"premium database outage","category":"database server","plan":"premium","skill":"servers","startTier":"L2","impact":"high"},
    {"name":"database","category":"database server","skill":"servers","startTier":"L1","impact":"high"},
    {"name":"vpn","category":"vpn","skill":"network","startTier":"L1","impact":"medium"},
    {"name":"mail","category":"mail","skill":"mail","startTier":"L1","impact":"medium"},
    {"name":"printers","category":"printer","skill":"printer","startTier":"L1","impact":"low"}]}' >/dev/null
fi

vendor() { # id name contact products(json array) response resolution calendar
  call PUT "$ROUTER/api/v1/vendors/$1" "$ADMIN" "{\"name\":\"$2\",\"contact\":\"$3\",\"products\":$4,\
\"agreement\":{\"response\":\"$5\",\"resolution\":\"$6\",\"calendar\":\"$7\"}}" >/dev/null
}
vendor microsoft "Microsoft"       "premier-support@example.com" '["mail","accounts"]'        PT4H P2D  24x7
vendor hp        "HP Inc."         "hp-care@example.com"               '["printer"]'                PT8H P3D  office
vendor dell      "Dell Technologies" "ProSupport, case portal"         '["servers","database server"]' PT2H PT24H 24x7

customer() { # id name organisation language plan
  call PUT "$INTAKE/api/v1/customers/$1" "$SUPERVISOR" "{\"name\":\"$2\",\"email\":\"$1@example.com\",\
\"organisation\":\"$3\",\"language\":\"$4\",\"plan\":\"$5\"}" >/dev/null
}
customer acme     "Olga Ivanova"  "ACME Ltd"     ru premium
customer globex   "Hank Scorpio"  "Globex"       en warranty
customer initech  "Peter Gibbons" "Initech"      en post-warranty
customer umbrella "Ivan Sidorov"  "Umbrella LLC" ru self-service

message() { # id channel customer language subject body product urgency [thread]
  local name
  case "$3" in acme) name="Olga Ivanova" ;; globex) name="Hank Scorpio" ;; initech) name="Peter Gibbons" ;; *) name="Ivan Sidorov" ;; esac
  printf '{"specversion":"1.0","id":"%s","source":"/adapters/demo-adapters/seed","type":"tierdesk.channel.message.received","data":{"channel":"%s","customer":{"externalId":"%s","name":"%s","email":"%s@example.com","language":"%s"},"subject":"%s","body":"%s","diagnostics":{"product":"%s"},"urgency":"%s"%s}}' \
    "$1" "$2" "$3" "$name" "$3" "$4" "$5" "$6" "$7" "$8" "${9:+,\"threadRef\":\"$9\"}"
}
call POST "$INTAKE/api/v1/channel-events" "$CHANNEL" "[
$(message demo-1 email acme ru "Сервер БД не запускается" "После обновления сервер базы данных не стартует, склад стоит." "Database server" critical),
$(message demo-2 web globex en "VPN drops every ten minutes" "Since Monday the VPN disconnects every ten minutes for the whole office." VPN high web-4711),
$(message demo-3 chat initech en "Printer on floor 3 jams" "It jams on every second page; we replaced the paper." Printer low),
$(message demo-4 portal umbrella ru "Не приходит почта" "Со вчерашнего дня не приходят письма от клиентов." Mail medium),
$(message demo-5 phone globex en "Cannot log in to mail" "Password reset did not help." Mail medium),
$(message demo-6 web globex en "Re: VPN drops every ten minutes" "It happened again at 10:42, log attached." VPN high web-4711)
]" "application/cloudevents-batch+json" >/dev/null
echo "demo data: 8 agents on L1-L4, routing rules, 3 vendors, 4 customers (one per plan), 5 tickets from 5 channels" >&2
# The rest of a working day: knowledge articles and tickets in every state (deploy/demo/day.mjs).
node "$ROOT/deploy/demo/day.mjs"
