# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_pulse_global_optspecs
    string join \n context= url= api-key= format= json q/quiet no-color v/verbose config= h/help V/version
end

function __fish_pulse_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_pulse_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_pulse_using_subcommand
    set -l cmd (__fish_pulse_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c pulse -n "__fish_pulse_needs_command" -l context -d 'Use this saved context [env: PULSE_CONTEXT]' -r
complete -c pulse -n "__fish_pulse_needs_command" -l url -d 'Control plane URL [env: PULSE_URL] [default: http://127.0.0.1:8081]' -r
complete -c pulse -n "__fish_pulse_needs_command" -l api-key -d 'Project API key [env: PULSE_API_KEY]' -r
complete -c pulse -n "__fish_pulse_needs_command" -l format -d 'Output format' -r -f -a "table\t''
json\t''"
complete -c pulse -n "__fish_pulse_needs_command" -l config -d 'Config file (the daemon\'s; the CLI reads it to find a local daemon\'s admin token) [env: PULSE_CONFIG]' -r -F
complete -c pulse -n "__fish_pulse_needs_command" -l json -d 'Short for --format json'
complete -c pulse -n "__fish_pulse_needs_command" -s q -l quiet -d 'Print only ids, one per line'
complete -c pulse -n "__fish_pulse_needs_command" -l no-color -d 'Never use colour (pulse prints none; accepted so scripts can always pass it)'
complete -c pulse -n "__fish_pulse_needs_command" -s v -l verbose -d 'Say which URL, key and context are used, and where each came from'
complete -c pulse -n "__fish_pulse_needs_command" -s h -l help -d 'Print help'
complete -c pulse -n "__fish_pulse_needs_command" -s V -l version -d 'Print version'
complete -c pulse -n "__fish_pulse_needs_command" -f -a "egress" -d 'Record and restream rooms: start, stop, get, list'
complete -c pulse -n "__fish_pulse_needs_command" -f -a "rules" -d 'Record rooms automatically: add, list, get, remove recording rules'
complete -c pulse -n "__fish_pulse_needs_command" -f -a "ingress" -d 'Let encoders publish into rooms (RTMP, WHIP, URL pull)'
complete -c pulse -n "__fish_pulse_needs_command" -f -a "projects" -d 'Manage projects (admin)'
complete -c pulse -n "__fish_pulse_needs_command" -f -a "context" -d 'Saved control planes and keys'
complete -c pulse -n "__fish_pulse_needs_command" -f -a "token" -d 'Room join tokens'
complete -c pulse -n "__fish_pulse_needs_command" -f -a "webhooks" -d 'Webhook deliveries, endpoints, replay, listen and verify'
complete -c pulse -n "__fish_pulse_needs_command" -f -a "console" -d 'The browser console: links that open it on one project'
complete -c pulse -n "__fish_pulse_needs_command" -f -a "usage" -d 'Usage: participant and egress minutes, recording bytes, deliveries, by day, hour or room'
complete -c pulse -n "__fish_pulse_needs_command" -f -a "status" -d 'Control plane and LiveKit health'
complete -c pulse -n "__fish_pulse_needs_command" -f -a "store" -d 'Work on a store directly: copy one into another (sled ⇄ PostgreSQL)'
complete -c pulse -n "__fish_pulse_needs_command" -f -a "daemon" -d 'Run the control plane'
complete -c pulse -n "__fish_pulse_needs_command" -f -a "completions" -d 'Print shell completions'
complete -c pulse -n "__fish_pulse_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c pulse -n "__fish_pulse_using_subcommand egress; and not __fish_seen_subcommand_from start stop update get list help" -l context -d 'Use this saved context [env: PULSE_CONTEXT]' -r
complete -c pulse -n "__fish_pulse_using_subcommand egress; and not __fish_seen_subcommand_from start stop update get list help" -l url -d 'Control plane URL [env: PULSE_URL] [default: http://127.0.0.1:8081]' -r
complete -c pulse -n "__fish_pulse_using_subcommand egress; and not __fish_seen_subcommand_from start stop update get list help" -l api-key -d 'Project API key [env: PULSE_API_KEY]' -r
complete -c pulse -n "__fish_pulse_using_subcommand egress; and not __fish_seen_subcommand_from start stop update get list help" -l format -d 'Output format' -r -f -a "table\t''
json\t''"
complete -c pulse -n "__fish_pulse_using_subcommand egress; and not __fish_seen_subcommand_from start stop update get list help" -l config -d 'Config file (the daemon\'s; the CLI reads it to find a local daemon\'s admin token) [env: PULSE_CONFIG]' -r -F
complete -c pulse -n "__fish_pulse_using_subcommand egress; and not __fish_seen_subcommand_from start stop update get list help" -l json -d 'Short for --format json'
complete -c pulse -n "__fish_pulse_using_subcommand egress; and not __fish_seen_subcommand_from start stop update get list help" -s q -l quiet -d 'Print only ids, one per line'
complete -c pulse -n "__fish_pulse_using_subcommand egress; and not __fish_seen_subcommand_from start stop update get list help" -l no-color -d 'Never use colour (pulse prints none; accepted so scripts can always pass it)'
complete -c pulse -n "__fish_pulse_using_subcommand egress; and not __fish_seen_subcommand_from start stop update get list help" -s v -l verbose -d 'Say which URL, key and context are used, and where each came from'
complete -c pulse -n "__fish_pulse_using_subcommand egress; and not __fish_seen_subcommand_from start stop update get list help" -s h -l help -d 'Print help'
complete -c pulse -n "__fish_pulse_using_subcommand egress; and not __fish_seen_subcommand_from start stop update get list help" -s V -l version -d 'Print version'
complete -c pulse -n "__fish_pulse_using_subcommand egress; and not __fish_seen_subcommand_from start stop update get list help" -f -a "start" -d 'Start recording or restreaming a room or track'
complete -c pulse -n "__fish_pulse_using_subcommand egress; and not __fish_seen_subcommand_from start stop update get list help" -f -a "stop" -d 'Stop one or more egress'
complete -c pulse -n "__fish_pulse_using_subcommand egress; and not __fish_seen_subcommand_from start stop update get list help" -f -a "update" -d 'Add or remove RTMP targets of a live rtmp egress (LiveKit\'s UpdateStream)'
complete -c pulse -n "__fish_pulse_using_subcommand egress; and not __fish_seen_subcommand_from start stop update get list help" -f -a "get" -d 'Show one egress'
complete -c pulse -n "__fish_pulse_using_subcommand egress; and not __fish_seen_subcommand_from start stop update get list help" -f -a "list" -d 'List egress, newest first'
complete -c pulse -n "__fish_pulse_using_subcommand egress; and not __fish_seen_subcommand_from start stop update get list help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c pulse -n "__fish_pulse_using_subcommand egress; and __fish_seen_subcommand_from start" -l room -d 'Room to record' -r
complete -c pulse -n "__fish_pulse_using_subcommand egress; and __fish_seen_subcommand_from start" -l output -d 'hls, rtmp, file or images; several in one egress as a list or repeated (`--output hls,file,rtmp`), sent as one LiveKit request' -r -f -a "hls\t''
rtmp\t''
file\t''
images\t''"
complete -c pulse -n "__fish_pulse_using_subcommand egress; and __fish_seen_subcommand_from start" -l image-every -d 'Image snapshots (images output): one every DURATION, e.g. 10s (default 10s)' -r
complete -c pulse -n "__fish_pulse_using_subcommand egress; and __fish_seen_subcommand_from start" -l image-size -d 'Image snapshots\' size, WIDTHxHEIGHT (default 1280x720)' -r
complete -c pulse -n "__fish_pulse_using_subcommand egress; and __fish_seen_subcommand_from start" -l type -d 'room_composite (default), track_composite or track' -r -f -a "room_composite\t''
track_composite\t''
track\t''"
complete -c pulse -n "__fish_pulse_using_subcommand egress; and __fish_seen_subcommand_from start" -l layout -d 'speaker (default), grid or single (room_composite only)' -r -f -a "speaker\t''
grid\t''
single\t''"
complete -c pulse -n "__fish_pulse_using_subcommand egress; and __fish_seen_subcommand_from start" -l filename -d 'Output name: [A-Za-z0-9._-], default <room>-<UTC yyyymmdd-hhmmss>-<6 of the egress id>' -r
complete -c pulse -n "__fish_pulse_using_subcommand egress; and __fish_seen_subcommand_from start" -l rtmp-url -d 'RTMP destination (repeat for several, up to 10)' -r
complete -c pulse -n "__fish_pulse_using_subcommand egress; and __fish_seen_subcommand_from start" -l audio-track -d 'Audio track (track_composite)' -r
complete -c pulse -n "__fish_pulse_using_subcommand egress; and __fish_seen_subcommand_from start" -l video-track -d 'Video track (track_composite)' -r
complete -c pulse -n "__fish_pulse_using_subcommand egress; and __fish_seen_subcommand_from start" -l track -d 'Track (track egress)' -r
complete -c pulse -n "__fish_pulse_using_subcommand egress; and __fish_seen_subcommand_from start" -l preset -d 'Encoding preset, e.g. H264_1080P_30' -r
complete -c pulse -n "__fish_pulse_using_subcommand egress; and __fish_seen_subcommand_from start" -l start-attempts -d 'Tries of the start when LiveKit fails in a way that may pass, 1 to 20 (default 5; 1: fail at once); retried by the control plane, across its restarts' -r
complete -c pulse -n "__fish_pulse_using_subcommand egress; and __fish_seen_subcommand_from start" -l max-duration -d 'Stop it this long after it became active, e.g. 90m or 4h (1 s to 7 days)' -r
complete -c pulse -n "__fish_pulse_using_subcommand egress; and __fish_seen_subcommand_from start" -l timeout -d 'How long --wait waits' -r
complete -c pulse -n "__fish_pulse_using_subcommand egress; and __fish_seen_subcommand_from start" -l context -d 'Use this saved context [env: PULSE_CONTEXT]' -r
complete -c pulse -n "__fish_pulse_using_subcommand egress; and __fish_seen_subcommand_from start" -l url -d 'Control plane URL [env: PULSE_URL] [default: http://127.0.0.1:8081]' -r
complete -c pulse -n "__fish_pulse_using_subcommand egress; and __fish_seen_subcommand_from start" -l api-key -d 'Project API key [env: PULSE_API_KEY]' -r
complete -c pulse -n "__fish_pulse_using_subcommand egress; and __fish_seen_subcommand_from start" -l format -d 'Output format' -r -f -a "table\t''
json\t''"
complete -c pulse -n "__fish_pulse_using_subcommand egress; and __fish_seen_subcommand_from start" -l config -d 'Config file (the daemon\'s; the CLI reads it to find a local daemon\'s admin token) [env: PULSE_CONFIG]' -r -F
complete -c pulse -n "__fish_pulse_using_subcommand egress; and __fish_seen_subcommand_from start" -l audio-only -d 'Record audio only (room_composite)'
complete -c pulse -n "__fish_pulse_using_subcommand egress; and __fish_seen_subcommand_from start" -l video-only -d 'Record video only (room_composite)'
complete -c pulse -n "__fish_pulse_using_subcommand egress; and __fish_seen_subcommand_from start" -l wait -d 'Wait until the egress is active (or has ended or failed)'
complete -c pulse -n "__fish_pulse_using_subcommand egress; and __fish_seen_subcommand_from start" -l json -d 'Short for --format json'
complete -c pulse -n "__fish_pulse_using_subcommand egress; and __fish_seen_subcommand_from start" -s q -l quiet -d 'Print only ids, one per line'
complete -c pulse -n "__fish_pulse_using_subcommand egress; and __fish_seen_subcommand_from start" -l no-color -d 'Never use colour (pulse prints none; accepted so scripts can always pass it)'
complete -c pulse -n "__fish_pulse_using_subcommand egress; and __fish_seen_subcommand_from start" -s v -l verbose -d 'Say which URL, key and context are used, and where each came from'
complete -c pulse -n "__fish_pulse_using_subcommand egress; and __fish_seen_subcommand_from start" -s h -l help -d 'Print help'
complete -c pulse -n "__fish_pulse_using_subcommand egress; and __fish_seen_subcommand_from start" -s V -l version -d 'Print version'
complete -c pulse -n "__fish_pulse_using_subcommand egress; and __fish_seen_subcommand_from stop" -l timeout -d 'How long --wait waits' -r
complete -c pulse -n "__fish_pulse_using_subcommand egress; and __fish_seen_subcommand_from stop" -l context -d 'Use this saved context [env: PULSE_CONTEXT]' -r
complete -c pulse -n "__fish_pulse_using_subcommand egress; and __fish_seen_subcommand_from stop" -l url -d 'Control plane URL [env: PULSE_URL] [default: http://127.0.0.1:8081]' -r
complete -c pulse -n "__fish_pulse_using_subcommand egress; and __fish_seen_subcommand_from stop" -l api-key -d 'Project API key [env: PULSE_API_KEY]' -r
complete -c pulse -n "__fish_pulse_using_subcommand egress; and __fish_seen_subcommand_from stop" -l format -d 'Output format' -r -f -a "table\t''
json\t''"
complete -c pulse -n "__fish_pulse_using_subcommand egress; and __fish_seen_subcommand_from stop" -l config -d 'Config file (the daemon\'s; the CLI reads it to find a local daemon\'s admin token) [env: PULSE_CONFIG]' -r -F
complete -c pulse -n "__fish_pulse_using_subcommand egress; and __fish_seen_subcommand_from stop" -l wait -d 'Wait until each has ended'
complete -c pulse -n "__fish_pulse_using_subcommand egress; and __fish_seen_subcommand_from stop" -l json -d 'Short for --format json'
complete -c pulse -n "__fish_pulse_using_subcommand egress; and __fish_seen_subcommand_from stop" -s q -l quiet -d 'Print only ids, one per line'
complete -c pulse -n "__fish_pulse_using_subcommand egress; and __fish_seen_subcommand_from stop" -l no-color -d 'Never use colour (pulse prints none; accepted so scripts can always pass it)'
complete -c pulse -n "__fish_pulse_using_subcommand egress; and __fish_seen_subcommand_from stop" -s v -l verbose -d 'Say which URL, key and context are used, and where each came from'
complete -c pulse -n "__fish_pulse_using_subcommand egress; and __fish_seen_subcommand_from stop" -s h -l help -d 'Print help'
complete -c pulse -n "__fish_pulse_using_subcommand egress; and __fish_seen_subcommand_from stop" -s V -l version -d 'Print version'
complete -c pulse -n "__fish_pulse_using_subcommand egress; and __fish_seen_subcommand_from update" -l add-rtmp -d 'An rtmp:// or rtmps:// URL to start sending to (repeatable)' -r
complete -c pulse -n "__fish_pulse_using_subcommand egress; and __fish_seen_subcommand_from update" -l remove-rtmp -d 'A target to stop sending to, as it was given, stream key and all (repeatable)' -r
complete -c pulse -n "__fish_pulse_using_subcommand egress; and __fish_seen_subcommand_from update" -l context -d 'Use this saved context [env: PULSE_CONTEXT]' -r
complete -c pulse -n "__fish_pulse_using_subcommand egress; and __fish_seen_subcommand_from update" -l url -d 'Control plane URL [env: PULSE_URL] [default: http://127.0.0.1:8081]' -r
complete -c pulse -n "__fish_pulse_using_subcommand egress; and __fish_seen_subcommand_from update" -l api-key -d 'Project API key [env: PULSE_API_KEY]' -r
complete -c pulse -n "__fish_pulse_using_subcommand egress; and __fish_seen_subcommand_from update" -l format -d 'Output format' -r -f -a "table\t''
json\t''"
complete -c pulse -n "__fish_pulse_using_subcommand egress; and __fish_seen_subcommand_from update" -l config -d 'Config file (the daemon\'s; the CLI reads it to find a local daemon\'s admin token) [env: PULSE_CONFIG]' -r -F
complete -c pulse -n "__fish_pulse_using_subcommand egress; and __fish_seen_subcommand_from update" -l json -d 'Short for --format json'
complete -c pulse -n "__fish_pulse_using_subcommand egress; and __fish_seen_subcommand_from update" -s q -l quiet -d 'Print only ids, one per line'
complete -c pulse -n "__fish_pulse_using_subcommand egress; and __fish_seen_subcommand_from update" -l no-color -d 'Never use colour (pulse prints none; accepted so scripts can always pass it)'
complete -c pulse -n "__fish_pulse_using_subcommand egress; and __fish_seen_subcommand_from update" -s v -l verbose -d 'Say which URL, key and context are used, and where each came from'
complete -c pulse -n "__fish_pulse_using_subcommand egress; and __fish_seen_subcommand_from update" -s h -l help -d 'Print help'
complete -c pulse -n "__fish_pulse_using_subcommand egress; and __fish_seen_subcommand_from update" -s V -l version -d 'Print version'
complete -c pulse -n "__fish_pulse_using_subcommand egress; and __fish_seen_subcommand_from get" -l context -d 'Use this saved context [env: PULSE_CONTEXT]' -r
complete -c pulse -n "__fish_pulse_using_subcommand egress; and __fish_seen_subcommand_from get" -l url -d 'Control plane URL [env: PULSE_URL] [default: http://127.0.0.1:8081]' -r
complete -c pulse -n "__fish_pulse_using_subcommand egress; and __fish_seen_subcommand_from get" -l api-key -d 'Project API key [env: PULSE_API_KEY]' -r
complete -c pulse -n "__fish_pulse_using_subcommand egress; and __fish_seen_subcommand_from get" -l format -d 'Output format' -r -f -a "table\t''
json\t''"
complete -c pulse -n "__fish_pulse_using_subcommand egress; and __fish_seen_subcommand_from get" -l config -d 'Config file (the daemon\'s; the CLI reads it to find a local daemon\'s admin token) [env: PULSE_CONFIG]' -r -F
complete -c pulse -n "__fish_pulse_using_subcommand egress; and __fish_seen_subcommand_from get" -l json -d 'Short for --format json'
complete -c pulse -n "__fish_pulse_using_subcommand egress; and __fish_seen_subcommand_from get" -s q -l quiet -d 'Print only ids, one per line'
complete -c pulse -n "__fish_pulse_using_subcommand egress; and __fish_seen_subcommand_from get" -l no-color -d 'Never use colour (pulse prints none; accepted so scripts can always pass it)'
complete -c pulse -n "__fish_pulse_using_subcommand egress; and __fish_seen_subcommand_from get" -s v -l verbose -d 'Say which URL, key and context are used, and where each came from'
complete -c pulse -n "__fish_pulse_using_subcommand egress; and __fish_seen_subcommand_from get" -s h -l help -d 'Print help'
complete -c pulse -n "__fish_pulse_using_subcommand egress; and __fish_seen_subcommand_from get" -s V -l version -d 'Print version'
complete -c pulse -n "__fish_pulse_using_subcommand egress; and __fish_seen_subcommand_from list" -l status -d 'Only this status: pending, active, stopping, ended, failed' -r
complete -c pulse -n "__fish_pulse_using_subcommand egress; and __fish_seen_subcommand_from list" -l room -d 'Only this room' -r
complete -c pulse -n "__fish_pulse_using_subcommand egress; and __fish_seen_subcommand_from list" -l page -d 'Page, from 1' -r
complete -c pulse -n "__fish_pulse_using_subcommand egress; and __fish_seen_subcommand_from list" -l limit -d 'Items per page, 1–100' -r
complete -c pulse -n "__fish_pulse_using_subcommand egress; and __fish_seen_subcommand_from list" -l context -d 'Use this saved context [env: PULSE_CONTEXT]' -r
complete -c pulse -n "__fish_pulse_using_subcommand egress; and __fish_seen_subcommand_from list" -l url -d 'Control plane URL [env: PULSE_URL] [default: http://127.0.0.1:8081]' -r
complete -c pulse -n "__fish_pulse_using_subcommand egress; and __fish_seen_subcommand_from list" -l api-key -d 'Project API key [env: PULSE_API_KEY]' -r
complete -c pulse -n "__fish_pulse_using_subcommand egress; and __fish_seen_subcommand_from list" -l format -d 'Output format' -r -f -a "table\t''
json\t''"
complete -c pulse -n "__fish_pulse_using_subcommand egress; and __fish_seen_subcommand_from list" -l config -d 'Config file (the daemon\'s; the CLI reads it to find a local daemon\'s admin token) [env: PULSE_CONFIG]' -r -F
complete -c pulse -n "__fish_pulse_using_subcommand egress; and __fish_seen_subcommand_from list" -l json -d 'Short for --format json'
complete -c pulse -n "__fish_pulse_using_subcommand egress; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print only ids, one per line'
complete -c pulse -n "__fish_pulse_using_subcommand egress; and __fish_seen_subcommand_from list" -l no-color -d 'Never use colour (pulse prints none; accepted so scripts can always pass it)'
complete -c pulse -n "__fish_pulse_using_subcommand egress; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Say which URL, key and context are used, and where each came from'
complete -c pulse -n "__fish_pulse_using_subcommand egress; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c pulse -n "__fish_pulse_using_subcommand egress; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c pulse -n "__fish_pulse_using_subcommand egress; and __fish_seen_subcommand_from help" -f -a "start" -d 'Start recording or restreaming a room or track'
complete -c pulse -n "__fish_pulse_using_subcommand egress; and __fish_seen_subcommand_from help" -f -a "stop" -d 'Stop one or more egress'
complete -c pulse -n "__fish_pulse_using_subcommand egress; and __fish_seen_subcommand_from help" -f -a "update" -d 'Add or remove RTMP targets of a live rtmp egress (LiveKit\'s UpdateStream)'
complete -c pulse -n "__fish_pulse_using_subcommand egress; and __fish_seen_subcommand_from help" -f -a "get" -d 'Show one egress'
complete -c pulse -n "__fish_pulse_using_subcommand egress; and __fish_seen_subcommand_from help" -f -a "list" -d 'List egress, newest first'
complete -c pulse -n "__fish_pulse_using_subcommand egress; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c pulse -n "__fish_pulse_using_subcommand rules; and not __fish_seen_subcommand_from add list get remove help" -l context -d 'Use this saved context [env: PULSE_CONTEXT]' -r
complete -c pulse -n "__fish_pulse_using_subcommand rules; and not __fish_seen_subcommand_from add list get remove help" -l url -d 'Control plane URL [env: PULSE_URL] [default: http://127.0.0.1:8081]' -r
complete -c pulse -n "__fish_pulse_using_subcommand rules; and not __fish_seen_subcommand_from add list get remove help" -l api-key -d 'Project API key [env: PULSE_API_KEY]' -r
complete -c pulse -n "__fish_pulse_using_subcommand rules; and not __fish_seen_subcommand_from add list get remove help" -l format -d 'Output format' -r -f -a "table\t''
json\t''"
complete -c pulse -n "__fish_pulse_using_subcommand rules; and not __fish_seen_subcommand_from add list get remove help" -l config -d 'Config file (the daemon\'s; the CLI reads it to find a local daemon\'s admin token) [env: PULSE_CONFIG]' -r -F
complete -c pulse -n "__fish_pulse_using_subcommand rules; and not __fish_seen_subcommand_from add list get remove help" -l json -d 'Short for --format json'
complete -c pulse -n "__fish_pulse_using_subcommand rules; and not __fish_seen_subcommand_from add list get remove help" -s q -l quiet -d 'Print only ids, one per line'
complete -c pulse -n "__fish_pulse_using_subcommand rules; and not __fish_seen_subcommand_from add list get remove help" -l no-color -d 'Never use colour (pulse prints none; accepted so scripts can always pass it)'
complete -c pulse -n "__fish_pulse_using_subcommand rules; and not __fish_seen_subcommand_from add list get remove help" -s v -l verbose -d 'Say which URL, key and context are used, and where each came from'
complete -c pulse -n "__fish_pulse_using_subcommand rules; and not __fish_seen_subcommand_from add list get remove help" -s h -l help -d 'Print help'
complete -c pulse -n "__fish_pulse_using_subcommand rules; and not __fish_seen_subcommand_from add list get remove help" -s V -l version -d 'Print version'
complete -c pulse -n "__fish_pulse_using_subcommand rules; and not __fish_seen_subcommand_from add list get remove help" -f -a "add" -d 'Start an egress in every matching room, once per room session'
complete -c pulse -n "__fish_pulse_using_subcommand rules; and not __fish_seen_subcommand_from add list get remove help" -f -a "list" -d 'List the project\'s rules, newest first'
complete -c pulse -n "__fish_pulse_using_subcommand rules; and not __fish_seen_subcommand_from add list get remove help" -f -a "get" -d 'Show one rule'
complete -c pulse -n "__fish_pulse_using_subcommand rules; and not __fish_seen_subcommand_from add list get remove help" -f -a "remove" -d 'Remove one or more rules (egress they started keep running until their rooms finish)'
complete -c pulse -n "__fish_pulse_using_subcommand rules; and not __fish_seen_subcommand_from add list get remove help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c pulse -n "__fish_pulse_using_subcommand rules; and __fish_seen_subcommand_from add" -l rooms -l room -d 'Rooms to record: a glob on room names, e.g. "live-*"' -r
complete -c pulse -n "__fish_pulse_using_subcommand rules; and __fish_seen_subcommand_from add" -l on -d 'When to start: when the room starts, or when its first track is published' -r -f -a "room_started\t''
track_published\t''"
complete -c pulse -n "__fish_pulse_using_subcommand rules; and __fish_seen_subcommand_from add" -l output -d 'hls, rtmp, file or images; several in one egress as a list or repeated (`--output hls,file,rtmp`), sent as one LiveKit request' -r -f -a "hls\t''
rtmp\t''
file\t''
images\t''"
complete -c pulse -n "__fish_pulse_using_subcommand rules; and __fish_seen_subcommand_from add" -l image-every -d 'Image snapshots (images output): one every DURATION, e.g. 10s (default 10s)' -r
complete -c pulse -n "__fish_pulse_using_subcommand rules; and __fish_seen_subcommand_from add" -l image-size -d 'Image snapshots\' size, WIDTHxHEIGHT (default 1280x720)' -r
complete -c pulse -n "__fish_pulse_using_subcommand rules; and __fish_seen_subcommand_from add" -l type -d 'room_composite (default), track_composite or track' -r -f -a "room_composite\t''
track_composite\t''
track\t''"
complete -c pulse -n "__fish_pulse_using_subcommand rules; and __fish_seen_subcommand_from add" -l layout -d 'speaker (default), grid or single (room_composite only)' -r -f -a "speaker\t''
grid\t''
single\t''"
complete -c pulse -n "__fish_pulse_using_subcommand rules; and __fish_seen_subcommand_from add" -l filename -d 'Output name: [A-Za-z0-9._-], default <room>-<UTC yyyymmdd-hhmmss>-<6 of the egress id>' -r
complete -c pulse -n "__fish_pulse_using_subcommand rules; and __fish_seen_subcommand_from add" -l rtmp-url -d 'RTMP destination (repeat for several, up to 10)' -r
complete -c pulse -n "__fish_pulse_using_subcommand rules; and __fish_seen_subcommand_from add" -l audio-track -d 'Audio track (track_composite)' -r
complete -c pulse -n "__fish_pulse_using_subcommand rules; and __fish_seen_subcommand_from add" -l video-track -d 'Video track (track_composite)' -r
complete -c pulse -n "__fish_pulse_using_subcommand rules; and __fish_seen_subcommand_from add" -l track -d 'Track (track egress)' -r
complete -c pulse -n "__fish_pulse_using_subcommand rules; and __fish_seen_subcommand_from add" -l preset -d 'Encoding preset, e.g. H264_1080P_30' -r
complete -c pulse -n "__fish_pulse_using_subcommand rules; and __fish_seen_subcommand_from add" -l start-attempts -d 'Tries of the start when LiveKit fails in a way that may pass, 1 to 20 (default 5; 1: fail at once); retried by the control plane, across its restarts' -r
complete -c pulse -n "__fish_pulse_using_subcommand rules; and __fish_seen_subcommand_from add" -l max-duration -d 'Stop it this long after it became active, e.g. 90m or 4h (1 s to 7 days)' -r
complete -c pulse -n "__fish_pulse_using_subcommand rules; and __fish_seen_subcommand_from add" -l context -d 'Use this saved context [env: PULSE_CONTEXT]' -r
complete -c pulse -n "__fish_pulse_using_subcommand rules; and __fish_seen_subcommand_from add" -l url -d 'Control plane URL [env: PULSE_URL] [default: http://127.0.0.1:8081]' -r
complete -c pulse -n "__fish_pulse_using_subcommand rules; and __fish_seen_subcommand_from add" -l api-key -d 'Project API key [env: PULSE_API_KEY]' -r
complete -c pulse -n "__fish_pulse_using_subcommand rules; and __fish_seen_subcommand_from add" -l format -d 'Output format' -r -f -a "table\t''
json\t''"
complete -c pulse -n "__fish_pulse_using_subcommand rules; and __fish_seen_subcommand_from add" -l config -d 'Config file (the daemon\'s; the CLI reads it to find a local daemon\'s admin token) [env: PULSE_CONFIG]' -r -F
complete -c pulse -n "__fish_pulse_using_subcommand rules; and __fish_seen_subcommand_from add" -l audio-only -d 'Record audio only (room_composite)'
complete -c pulse -n "__fish_pulse_using_subcommand rules; and __fish_seen_subcommand_from add" -l video-only -d 'Record video only (room_composite)'
complete -c pulse -n "__fish_pulse_using_subcommand rules; and __fish_seen_subcommand_from add" -l disabled -d 'Create it disabled'
complete -c pulse -n "__fish_pulse_using_subcommand rules; and __fish_seen_subcommand_from add" -l json -d 'Short for --format json'
complete -c pulse -n "__fish_pulse_using_subcommand rules; and __fish_seen_subcommand_from add" -s q -l quiet -d 'Print only ids, one per line'
complete -c pulse -n "__fish_pulse_using_subcommand rules; and __fish_seen_subcommand_from add" -l no-color -d 'Never use colour (pulse prints none; accepted so scripts can always pass it)'
complete -c pulse -n "__fish_pulse_using_subcommand rules; and __fish_seen_subcommand_from add" -s v -l verbose -d 'Say which URL, key and context are used, and where each came from'
complete -c pulse -n "__fish_pulse_using_subcommand rules; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help'
complete -c pulse -n "__fish_pulse_using_subcommand rules; and __fish_seen_subcommand_from add" -s V -l version -d 'Print version'
complete -c pulse -n "__fish_pulse_using_subcommand rules; and __fish_seen_subcommand_from list" -l page -d 'Page, from 1' -r
complete -c pulse -n "__fish_pulse_using_subcommand rules; and __fish_seen_subcommand_from list" -l limit -d 'Items per page, 1–100' -r
complete -c pulse -n "__fish_pulse_using_subcommand rules; and __fish_seen_subcommand_from list" -l context -d 'Use this saved context [env: PULSE_CONTEXT]' -r
complete -c pulse -n "__fish_pulse_using_subcommand rules; and __fish_seen_subcommand_from list" -l url -d 'Control plane URL [env: PULSE_URL] [default: http://127.0.0.1:8081]' -r
complete -c pulse -n "__fish_pulse_using_subcommand rules; and __fish_seen_subcommand_from list" -l api-key -d 'Project API key [env: PULSE_API_KEY]' -r
complete -c pulse -n "__fish_pulse_using_subcommand rules; and __fish_seen_subcommand_from list" -l format -d 'Output format' -r -f -a "table\t''
json\t''"
complete -c pulse -n "__fish_pulse_using_subcommand rules; and __fish_seen_subcommand_from list" -l config -d 'Config file (the daemon\'s; the CLI reads it to find a local daemon\'s admin token) [env: PULSE_CONFIG]' -r -F
complete -c pulse -n "__fish_pulse_using_subcommand rules; and __fish_seen_subcommand_from list" -l json -d 'Short for --format json'
complete -c pulse -n "__fish_pulse_using_subcommand rules; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print only ids, one per line'
complete -c pulse -n "__fish_pulse_using_subcommand rules; and __fish_seen_subcommand_from list" -l no-color -d 'Never use colour (pulse prints none; accepted so scripts can always pass it)'
complete -c pulse -n "__fish_pulse_using_subcommand rules; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Say which URL, key and context are used, and where each came from'
complete -c pulse -n "__fish_pulse_using_subcommand rules; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c pulse -n "__fish_pulse_using_subcommand rules; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c pulse -n "__fish_pulse_using_subcommand rules; and __fish_seen_subcommand_from get" -l context -d 'Use this saved context [env: PULSE_CONTEXT]' -r
complete -c pulse -n "__fish_pulse_using_subcommand rules; and __fish_seen_subcommand_from get" -l url -d 'Control plane URL [env: PULSE_URL] [default: http://127.0.0.1:8081]' -r
complete -c pulse -n "__fish_pulse_using_subcommand rules; and __fish_seen_subcommand_from get" -l api-key -d 'Project API key [env: PULSE_API_KEY]' -r
complete -c pulse -n "__fish_pulse_using_subcommand rules; and __fish_seen_subcommand_from get" -l format -d 'Output format' -r -f -a "table\t''
json\t''"
complete -c pulse -n "__fish_pulse_using_subcommand rules; and __fish_seen_subcommand_from get" -l config -d 'Config file (the daemon\'s; the CLI reads it to find a local daemon\'s admin token) [env: PULSE_CONFIG]' -r -F
complete -c pulse -n "__fish_pulse_using_subcommand rules; and __fish_seen_subcommand_from get" -l json -d 'Short for --format json'
complete -c pulse -n "__fish_pulse_using_subcommand rules; and __fish_seen_subcommand_from get" -s q -l quiet -d 'Print only ids, one per line'
complete -c pulse -n "__fish_pulse_using_subcommand rules; and __fish_seen_subcommand_from get" -l no-color -d 'Never use colour (pulse prints none; accepted so scripts can always pass it)'
complete -c pulse -n "__fish_pulse_using_subcommand rules; and __fish_seen_subcommand_from get" -s v -l verbose -d 'Say which URL, key and context are used, and where each came from'
complete -c pulse -n "__fish_pulse_using_subcommand rules; and __fish_seen_subcommand_from get" -s h -l help -d 'Print help'
complete -c pulse -n "__fish_pulse_using_subcommand rules; and __fish_seen_subcommand_from get" -s V -l version -d 'Print version'
complete -c pulse -n "__fish_pulse_using_subcommand rules; and __fish_seen_subcommand_from remove" -l context -d 'Use this saved context [env: PULSE_CONTEXT]' -r
complete -c pulse -n "__fish_pulse_using_subcommand rules; and __fish_seen_subcommand_from remove" -l url -d 'Control plane URL [env: PULSE_URL] [default: http://127.0.0.1:8081]' -r
complete -c pulse -n "__fish_pulse_using_subcommand rules; and __fish_seen_subcommand_from remove" -l api-key -d 'Project API key [env: PULSE_API_KEY]' -r
complete -c pulse -n "__fish_pulse_using_subcommand rules; and __fish_seen_subcommand_from remove" -l format -d 'Output format' -r -f -a "table\t''
json\t''"
complete -c pulse -n "__fish_pulse_using_subcommand rules; and __fish_seen_subcommand_from remove" -l config -d 'Config file (the daemon\'s; the CLI reads it to find a local daemon\'s admin token) [env: PULSE_CONFIG]' -r -F
complete -c pulse -n "__fish_pulse_using_subcommand rules; and __fish_seen_subcommand_from remove" -l json -d 'Short for --format json'
complete -c pulse -n "__fish_pulse_using_subcommand rules; and __fish_seen_subcommand_from remove" -s q -l quiet -d 'Print only ids, one per line'
complete -c pulse -n "__fish_pulse_using_subcommand rules; and __fish_seen_subcommand_from remove" -l no-color -d 'Never use colour (pulse prints none; accepted so scripts can always pass it)'
complete -c pulse -n "__fish_pulse_using_subcommand rules; and __fish_seen_subcommand_from remove" -s v -l verbose -d 'Say which URL, key and context are used, and where each came from'
complete -c pulse -n "__fish_pulse_using_subcommand rules; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help'
complete -c pulse -n "__fish_pulse_using_subcommand rules; and __fish_seen_subcommand_from remove" -s V -l version -d 'Print version'
complete -c pulse -n "__fish_pulse_using_subcommand rules; and __fish_seen_subcommand_from help" -f -a "add" -d 'Start an egress in every matching room, once per room session'
complete -c pulse -n "__fish_pulse_using_subcommand rules; and __fish_seen_subcommand_from help" -f -a "list" -d 'List the project\'s rules, newest first'
complete -c pulse -n "__fish_pulse_using_subcommand rules; and __fish_seen_subcommand_from help" -f -a "get" -d 'Show one rule'
complete -c pulse -n "__fish_pulse_using_subcommand rules; and __fish_seen_subcommand_from help" -f -a "remove" -d 'Remove one or more rules (egress they started keep running until their rooms finish)'
complete -c pulse -n "__fish_pulse_using_subcommand rules; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c pulse -n "__fish_pulse_using_subcommand ingress; and not __fish_seen_subcommand_from create get list delete help" -l context -d 'Use this saved context [env: PULSE_CONTEXT]' -r
complete -c pulse -n "__fish_pulse_using_subcommand ingress; and not __fish_seen_subcommand_from create get list delete help" -l url -d 'Control plane URL [env: PULSE_URL] [default: http://127.0.0.1:8081]' -r
complete -c pulse -n "__fish_pulse_using_subcommand ingress; and not __fish_seen_subcommand_from create get list delete help" -l api-key -d 'Project API key [env: PULSE_API_KEY]' -r
complete -c pulse -n "__fish_pulse_using_subcommand ingress; and not __fish_seen_subcommand_from create get list delete help" -l format -d 'Output format' -r -f -a "table\t''
json\t''"
complete -c pulse -n "__fish_pulse_using_subcommand ingress; and not __fish_seen_subcommand_from create get list delete help" -l config -d 'Config file (the daemon\'s; the CLI reads it to find a local daemon\'s admin token) [env: PULSE_CONFIG]' -r -F
complete -c pulse -n "__fish_pulse_using_subcommand ingress; and not __fish_seen_subcommand_from create get list delete help" -l json -d 'Short for --format json'
complete -c pulse -n "__fish_pulse_using_subcommand ingress; and not __fish_seen_subcommand_from create get list delete help" -s q -l quiet -d 'Print only ids, one per line'
complete -c pulse -n "__fish_pulse_using_subcommand ingress; and not __fish_seen_subcommand_from create get list delete help" -l no-color -d 'Never use colour (pulse prints none; accepted so scripts can always pass it)'
complete -c pulse -n "__fish_pulse_using_subcommand ingress; and not __fish_seen_subcommand_from create get list delete help" -s v -l verbose -d 'Say which URL, key and context are used, and where each came from'
complete -c pulse -n "__fish_pulse_using_subcommand ingress; and not __fish_seen_subcommand_from create get list delete help" -s h -l help -d 'Print help'
complete -c pulse -n "__fish_pulse_using_subcommand ingress; and not __fish_seen_subcommand_from create get list delete help" -s V -l version -d 'Print version'
complete -c pulse -n "__fish_pulse_using_subcommand ingress; and not __fish_seen_subcommand_from create get list delete help" -f -a "create" -d 'Create an ingress; the stream key is shown this once'
complete -c pulse -n "__fish_pulse_using_subcommand ingress; and not __fish_seen_subcommand_from create get list delete help" -f -a "get" -d 'Show one ingress (key masked)'
complete -c pulse -n "__fish_pulse_using_subcommand ingress; and not __fish_seen_subcommand_from create get list delete help" -f -a "list" -d 'List ingress, newest first'
complete -c pulse -n "__fish_pulse_using_subcommand ingress; and not __fish_seen_subcommand_from create get list delete help" -f -a "delete" -d 'Delete one or more ingress (the records are kept as `deleted`)'
complete -c pulse -n "__fish_pulse_using_subcommand ingress; and not __fish_seen_subcommand_from create get list delete help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c pulse -n "__fish_pulse_using_subcommand ingress; and __fish_seen_subcommand_from create" -l room -d 'Room to publish into' -r
complete -c pulse -n "__fish_pulse_using_subcommand ingress; and __fish_seen_subcommand_from create" -l type -d 'rtmp, whip or url (pull)' -r -f -a "rtmp\t''
whip\t''
url\t''"
complete -c pulse -n "__fish_pulse_using_subcommand ingress; and __fish_seen_subcommand_from create" -l participant -d 'Participant name the stream appears as' -r
complete -c pulse -n "__fish_pulse_using_subcommand ingress; and __fish_seen_subcommand_from create" -l identity -d 'Participant identity (default: the name)' -r
complete -c pulse -n "__fish_pulse_using_subcommand ingress; and __fish_seen_subcommand_from create" -l url -d 'URL to pull from (--type url): http(s):// or srt://. Here --url is this, not the control plane\'s URL: give that with PULSE_URL or a context' -r
complete -c pulse -n "__fish_pulse_using_subcommand ingress; and __fish_seen_subcommand_from create" -l name -d 'A name for the ingress' -r
complete -c pulse -n "__fish_pulse_using_subcommand ingress; and __fish_seen_subcommand_from create" -l context -d 'Use this saved context [env: PULSE_CONTEXT]' -r
complete -c pulse -n "__fish_pulse_using_subcommand ingress; and __fish_seen_subcommand_from create" -l api-key -d 'Project API key [env: PULSE_API_KEY]' -r
complete -c pulse -n "__fish_pulse_using_subcommand ingress; and __fish_seen_subcommand_from create" -l format -d 'Output format' -r -f -a "table\t''
json\t''"
complete -c pulse -n "__fish_pulse_using_subcommand ingress; and __fish_seen_subcommand_from create" -l config -d 'Config file (the daemon\'s; the CLI reads it to find a local daemon\'s admin token) [env: PULSE_CONFIG]' -r -F
complete -c pulse -n "__fish_pulse_using_subcommand ingress; and __fish_seen_subcommand_from create" -l no-audio -d 'Mute the stream\'s audio in the room'
complete -c pulse -n "__fish_pulse_using_subcommand ingress; and __fish_seen_subcommand_from create" -l no-video -d 'Mute the stream\'s video in the room'
complete -c pulse -n "__fish_pulse_using_subcommand ingress; and __fish_seen_subcommand_from create" -l json -d 'Short for --format json'
complete -c pulse -n "__fish_pulse_using_subcommand ingress; and __fish_seen_subcommand_from create" -s q -l quiet -d 'Print only ids, one per line'
complete -c pulse -n "__fish_pulse_using_subcommand ingress; and __fish_seen_subcommand_from create" -l no-color -d 'Never use colour (pulse prints none; accepted so scripts can always pass it)'
complete -c pulse -n "__fish_pulse_using_subcommand ingress; and __fish_seen_subcommand_from create" -s v -l verbose -d 'Say which URL, key and context are used, and where each came from'
complete -c pulse -n "__fish_pulse_using_subcommand ingress; and __fish_seen_subcommand_from create" -s h -l help -d 'Print help'
complete -c pulse -n "__fish_pulse_using_subcommand ingress; and __fish_seen_subcommand_from create" -s V -l version -d 'Print version'
complete -c pulse -n "__fish_pulse_using_subcommand ingress; and __fish_seen_subcommand_from get" -l context -d 'Use this saved context [env: PULSE_CONTEXT]' -r
complete -c pulse -n "__fish_pulse_using_subcommand ingress; and __fish_seen_subcommand_from get" -l url -d 'Control plane URL [env: PULSE_URL] [default: http://127.0.0.1:8081]' -r
complete -c pulse -n "__fish_pulse_using_subcommand ingress; and __fish_seen_subcommand_from get" -l api-key -d 'Project API key [env: PULSE_API_KEY]' -r
complete -c pulse -n "__fish_pulse_using_subcommand ingress; and __fish_seen_subcommand_from get" -l format -d 'Output format' -r -f -a "table\t''
json\t''"
complete -c pulse -n "__fish_pulse_using_subcommand ingress; and __fish_seen_subcommand_from get" -l config -d 'Config file (the daemon\'s; the CLI reads it to find a local daemon\'s admin token) [env: PULSE_CONFIG]' -r -F
complete -c pulse -n "__fish_pulse_using_subcommand ingress; and __fish_seen_subcommand_from get" -l json -d 'Short for --format json'
complete -c pulse -n "__fish_pulse_using_subcommand ingress; and __fish_seen_subcommand_from get" -s q -l quiet -d 'Print only ids, one per line'
complete -c pulse -n "__fish_pulse_using_subcommand ingress; and __fish_seen_subcommand_from get" -l no-color -d 'Never use colour (pulse prints none; accepted so scripts can always pass it)'
complete -c pulse -n "__fish_pulse_using_subcommand ingress; and __fish_seen_subcommand_from get" -s v -l verbose -d 'Say which URL, key and context are used, and where each came from'
complete -c pulse -n "__fish_pulse_using_subcommand ingress; and __fish_seen_subcommand_from get" -s h -l help -d 'Print help'
complete -c pulse -n "__fish_pulse_using_subcommand ingress; and __fish_seen_subcommand_from get" -s V -l version -d 'Print version'
complete -c pulse -n "__fish_pulse_using_subcommand ingress; and __fish_seen_subcommand_from list" -l room -d 'Only this room' -r
complete -c pulse -n "__fish_pulse_using_subcommand ingress; and __fish_seen_subcommand_from list" -l page -d 'Page, from 1' -r
complete -c pulse -n "__fish_pulse_using_subcommand ingress; and __fish_seen_subcommand_from list" -l limit -d 'Items per page, 1–100' -r
complete -c pulse -n "__fish_pulse_using_subcommand ingress; and __fish_seen_subcommand_from list" -l context -d 'Use this saved context [env: PULSE_CONTEXT]' -r
complete -c pulse -n "__fish_pulse_using_subcommand ingress; and __fish_seen_subcommand_from list" -l url -d 'Control plane URL [env: PULSE_URL] [default: http://127.0.0.1:8081]' -r
complete -c pulse -n "__fish_pulse_using_subcommand ingress; and __fish_seen_subcommand_from list" -l api-key -d 'Project API key [env: PULSE_API_KEY]' -r
complete -c pulse -n "__fish_pulse_using_subcommand ingress; and __fish_seen_subcommand_from list" -l format -d 'Output format' -r -f -a "table\t''
json\t''"
complete -c pulse -n "__fish_pulse_using_subcommand ingress; and __fish_seen_subcommand_from list" -l config -d 'Config file (the daemon\'s; the CLI reads it to find a local daemon\'s admin token) [env: PULSE_CONFIG]' -r -F
complete -c pulse -n "__fish_pulse_using_subcommand ingress; and __fish_seen_subcommand_from list" -l include-deleted -d 'Include deleted ingress'
complete -c pulse -n "__fish_pulse_using_subcommand ingress; and __fish_seen_subcommand_from list" -l json -d 'Short for --format json'
complete -c pulse -n "__fish_pulse_using_subcommand ingress; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print only ids, one per line'
complete -c pulse -n "__fish_pulse_using_subcommand ingress; and __fish_seen_subcommand_from list" -l no-color -d 'Never use colour (pulse prints none; accepted so scripts can always pass it)'
complete -c pulse -n "__fish_pulse_using_subcommand ingress; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Say which URL, key and context are used, and where each came from'
complete -c pulse -n "__fish_pulse_using_subcommand ingress; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c pulse -n "__fish_pulse_using_subcommand ingress; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c pulse -n "__fish_pulse_using_subcommand ingress; and __fish_seen_subcommand_from delete" -l context -d 'Use this saved context [env: PULSE_CONTEXT]' -r
complete -c pulse -n "__fish_pulse_using_subcommand ingress; and __fish_seen_subcommand_from delete" -l url -d 'Control plane URL [env: PULSE_URL] [default: http://127.0.0.1:8081]' -r
complete -c pulse -n "__fish_pulse_using_subcommand ingress; and __fish_seen_subcommand_from delete" -l api-key -d 'Project API key [env: PULSE_API_KEY]' -r
complete -c pulse -n "__fish_pulse_using_subcommand ingress; and __fish_seen_subcommand_from delete" -l format -d 'Output format' -r -f -a "table\t''
json\t''"
complete -c pulse -n "__fish_pulse_using_subcommand ingress; and __fish_seen_subcommand_from delete" -l config -d 'Config file (the daemon\'s; the CLI reads it to find a local daemon\'s admin token) [env: PULSE_CONFIG]' -r -F
complete -c pulse -n "__fish_pulse_using_subcommand ingress; and __fish_seen_subcommand_from delete" -l json -d 'Short for --format json'
complete -c pulse -n "__fish_pulse_using_subcommand ingress; and __fish_seen_subcommand_from delete" -s q -l quiet -d 'Print only ids, one per line'
complete -c pulse -n "__fish_pulse_using_subcommand ingress; and __fish_seen_subcommand_from delete" -l no-color -d 'Never use colour (pulse prints none; accepted so scripts can always pass it)'
complete -c pulse -n "__fish_pulse_using_subcommand ingress; and __fish_seen_subcommand_from delete" -s v -l verbose -d 'Say which URL, key and context are used, and where each came from'
complete -c pulse -n "__fish_pulse_using_subcommand ingress; and __fish_seen_subcommand_from delete" -s h -l help -d 'Print help'
complete -c pulse -n "__fish_pulse_using_subcommand ingress; and __fish_seen_subcommand_from delete" -s V -l version -d 'Print version'
complete -c pulse -n "__fish_pulse_using_subcommand ingress; and __fish_seen_subcommand_from help" -f -a "create" -d 'Create an ingress; the stream key is shown this once'
complete -c pulse -n "__fish_pulse_using_subcommand ingress; and __fish_seen_subcommand_from help" -f -a "get" -d 'Show one ingress (key masked)'
complete -c pulse -n "__fish_pulse_using_subcommand ingress; and __fish_seen_subcommand_from help" -f -a "list" -d 'List ingress, newest first'
complete -c pulse -n "__fish_pulse_using_subcommand ingress; and __fish_seen_subcommand_from help" -f -a "delete" -d 'Delete one or more ingress (the records are kept as `deleted`)'
complete -c pulse -n "__fish_pulse_using_subcommand ingress; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c pulse -n "__fish_pulse_using_subcommand projects; and not __fish_seen_subcommand_from create list get rotate-key limits delete help" -l context -d 'Use this saved context [env: PULSE_CONTEXT]' -r
complete -c pulse -n "__fish_pulse_using_subcommand projects; and not __fish_seen_subcommand_from create list get rotate-key limits delete help" -l url -d 'Control plane URL [env: PULSE_URL] [default: http://127.0.0.1:8081]' -r
complete -c pulse -n "__fish_pulse_using_subcommand projects; and not __fish_seen_subcommand_from create list get rotate-key limits delete help" -l api-key -d 'Project API key [env: PULSE_API_KEY]' -r
complete -c pulse -n "__fish_pulse_using_subcommand projects; and not __fish_seen_subcommand_from create list get rotate-key limits delete help" -l format -d 'Output format' -r -f -a "table\t''
json\t''"
complete -c pulse -n "__fish_pulse_using_subcommand projects; and not __fish_seen_subcommand_from create list get rotate-key limits delete help" -l config -d 'Config file (the daemon\'s; the CLI reads it to find a local daemon\'s admin token) [env: PULSE_CONFIG]' -r -F
complete -c pulse -n "__fish_pulse_using_subcommand projects; and not __fish_seen_subcommand_from create list get rotate-key limits delete help" -l json -d 'Short for --format json'
complete -c pulse -n "__fish_pulse_using_subcommand projects; and not __fish_seen_subcommand_from create list get rotate-key limits delete help" -s q -l quiet -d 'Print only ids, one per line'
complete -c pulse -n "__fish_pulse_using_subcommand projects; and not __fish_seen_subcommand_from create list get rotate-key limits delete help" -l no-color -d 'Never use colour (pulse prints none; accepted so scripts can always pass it)'
complete -c pulse -n "__fish_pulse_using_subcommand projects; and not __fish_seen_subcommand_from create list get rotate-key limits delete help" -s v -l verbose -d 'Say which URL, key and context are used, and where each came from'
complete -c pulse -n "__fish_pulse_using_subcommand projects; and not __fish_seen_subcommand_from create list get rotate-key limits delete help" -s h -l help -d 'Print help'
complete -c pulse -n "__fish_pulse_using_subcommand projects; and not __fish_seen_subcommand_from create list get rotate-key limits delete help" -s V -l version -d 'Print version'
complete -c pulse -n "__fish_pulse_using_subcommand projects; and not __fish_seen_subcommand_from create list get rotate-key limits delete help" -f -a "create" -d 'Create a project; its API key is shown this once'
complete -c pulse -n "__fish_pulse_using_subcommand projects; and not __fish_seen_subcommand_from create list get rotate-key limits delete help" -f -a "list" -d 'List projects'
complete -c pulse -n "__fish_pulse_using_subcommand projects; and not __fish_seen_subcommand_from create list get rotate-key limits delete help" -f -a "get" -d 'Show one project'
complete -c pulse -n "__fish_pulse_using_subcommand projects; and not __fish_seen_subcommand_from create list get rotate-key limits delete help" -f -a "rotate-key" -d 'Replace a project\'s API key; the old one stops working at once'
complete -c pulse -n "__fish_pulse_using_subcommand projects; and not __fish_seen_subcommand_from create list get rotate-key limits delete help" -f -a "limits" -d 'A project\'s limits: over a hard one egress starts and ingress creates are refused'
complete -c pulse -n "__fish_pulse_using_subcommand projects; and not __fish_seen_subcommand_from create list get rotate-key limits delete help" -f -a "delete" -d 'Delete a project and everything it owns'
complete -c pulse -n "__fish_pulse_using_subcommand projects; and not __fish_seen_subcommand_from create list get rotate-key limits delete help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c pulse -n "__fish_pulse_using_subcommand projects; and __fish_seen_subcommand_from create" -l webhook-url -d 'Also create a webhook endpoint for every event (its secret is shown once)' -r
complete -c pulse -n "__fish_pulse_using_subcommand projects; and __fish_seen_subcommand_from create" -l context -d 'Use this saved context [env: PULSE_CONTEXT]' -r
complete -c pulse -n "__fish_pulse_using_subcommand projects; and __fish_seen_subcommand_from create" -l url -d 'Control plane URL [env: PULSE_URL] [default: http://127.0.0.1:8081]' -r
complete -c pulse -n "__fish_pulse_using_subcommand projects; and __fish_seen_subcommand_from create" -l api-key -d 'Project API key [env: PULSE_API_KEY]' -r
complete -c pulse -n "__fish_pulse_using_subcommand projects; and __fish_seen_subcommand_from create" -l format -d 'Output format' -r -f -a "table\t''
json\t''"
complete -c pulse -n "__fish_pulse_using_subcommand projects; and __fish_seen_subcommand_from create" -l config -d 'Config file (the daemon\'s; the CLI reads it to find a local daemon\'s admin token) [env: PULSE_CONFIG]' -r -F
complete -c pulse -n "__fish_pulse_using_subcommand projects; and __fish_seen_subcommand_from create" -l save-context -d 'Save a context named after the project with its URL and key'
complete -c pulse -n "__fish_pulse_using_subcommand projects; and __fish_seen_subcommand_from create" -l json -d 'Short for --format json'
complete -c pulse -n "__fish_pulse_using_subcommand projects; and __fish_seen_subcommand_from create" -s q -l quiet -d 'Print only ids, one per line'
complete -c pulse -n "__fish_pulse_using_subcommand projects; and __fish_seen_subcommand_from create" -l no-color -d 'Never use colour (pulse prints none; accepted so scripts can always pass it)'
complete -c pulse -n "__fish_pulse_using_subcommand projects; and __fish_seen_subcommand_from create" -s v -l verbose -d 'Say which URL, key and context are used, and where each came from'
complete -c pulse -n "__fish_pulse_using_subcommand projects; and __fish_seen_subcommand_from create" -s h -l help -d 'Print help'
complete -c pulse -n "__fish_pulse_using_subcommand projects; and __fish_seen_subcommand_from create" -s V -l version -d 'Print version'
complete -c pulse -n "__fish_pulse_using_subcommand projects; and __fish_seen_subcommand_from list" -l page -d 'Page, from 1' -r
complete -c pulse -n "__fish_pulse_using_subcommand projects; and __fish_seen_subcommand_from list" -l limit -d 'Items per page, 1–100' -r
complete -c pulse -n "__fish_pulse_using_subcommand projects; and __fish_seen_subcommand_from list" -l context -d 'Use this saved context [env: PULSE_CONTEXT]' -r
complete -c pulse -n "__fish_pulse_using_subcommand projects; and __fish_seen_subcommand_from list" -l url -d 'Control plane URL [env: PULSE_URL] [default: http://127.0.0.1:8081]' -r
complete -c pulse -n "__fish_pulse_using_subcommand projects; and __fish_seen_subcommand_from list" -l api-key -d 'Project API key [env: PULSE_API_KEY]' -r
complete -c pulse -n "__fish_pulse_using_subcommand projects; and __fish_seen_subcommand_from list" -l format -d 'Output format' -r -f -a "table\t''
json\t''"
complete -c pulse -n "__fish_pulse_using_subcommand projects; and __fish_seen_subcommand_from list" -l config -d 'Config file (the daemon\'s; the CLI reads it to find a local daemon\'s admin token) [env: PULSE_CONFIG]' -r -F
complete -c pulse -n "__fish_pulse_using_subcommand projects; and __fish_seen_subcommand_from list" -l json -d 'Short for --format json'
complete -c pulse -n "__fish_pulse_using_subcommand projects; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print only ids, one per line'
complete -c pulse -n "__fish_pulse_using_subcommand projects; and __fish_seen_subcommand_from list" -l no-color -d 'Never use colour (pulse prints none; accepted so scripts can always pass it)'
complete -c pulse -n "__fish_pulse_using_subcommand projects; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Say which URL, key and context are used, and where each came from'
complete -c pulse -n "__fish_pulse_using_subcommand projects; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c pulse -n "__fish_pulse_using_subcommand projects; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c pulse -n "__fish_pulse_using_subcommand projects; and __fish_seen_subcommand_from get" -l context -d 'Use this saved context [env: PULSE_CONTEXT]' -r
complete -c pulse -n "__fish_pulse_using_subcommand projects; and __fish_seen_subcommand_from get" -l url -d 'Control plane URL [env: PULSE_URL] [default: http://127.0.0.1:8081]' -r
complete -c pulse -n "__fish_pulse_using_subcommand projects; and __fish_seen_subcommand_from get" -l api-key -d 'Project API key [env: PULSE_API_KEY]' -r
complete -c pulse -n "__fish_pulse_using_subcommand projects; and __fish_seen_subcommand_from get" -l format -d 'Output format' -r -f -a "table\t''
json\t''"
complete -c pulse -n "__fish_pulse_using_subcommand projects; and __fish_seen_subcommand_from get" -l config -d 'Config file (the daemon\'s; the CLI reads it to find a local daemon\'s admin token) [env: PULSE_CONFIG]' -r -F
complete -c pulse -n "__fish_pulse_using_subcommand projects; and __fish_seen_subcommand_from get" -l json -d 'Short for --format json'
complete -c pulse -n "__fish_pulse_using_subcommand projects; and __fish_seen_subcommand_from get" -s q -l quiet -d 'Print only ids, one per line'
complete -c pulse -n "__fish_pulse_using_subcommand projects; and __fish_seen_subcommand_from get" -l no-color -d 'Never use colour (pulse prints none; accepted so scripts can always pass it)'
complete -c pulse -n "__fish_pulse_using_subcommand projects; and __fish_seen_subcommand_from get" -s v -l verbose -d 'Say which URL, key and context are used, and where each came from'
complete -c pulse -n "__fish_pulse_using_subcommand projects; and __fish_seen_subcommand_from get" -s h -l help -d 'Print help'
complete -c pulse -n "__fish_pulse_using_subcommand projects; and __fish_seen_subcommand_from get" -s V -l version -d 'Print version'
complete -c pulse -n "__fish_pulse_using_subcommand projects; and __fish_seen_subcommand_from rotate-key" -l context -d 'Use this saved context [env: PULSE_CONTEXT]' -r
complete -c pulse -n "__fish_pulse_using_subcommand projects; and __fish_seen_subcommand_from rotate-key" -l url -d 'Control plane URL [env: PULSE_URL] [default: http://127.0.0.1:8081]' -r
complete -c pulse -n "__fish_pulse_using_subcommand projects; and __fish_seen_subcommand_from rotate-key" -l api-key -d 'Project API key [env: PULSE_API_KEY]' -r
complete -c pulse -n "__fish_pulse_using_subcommand projects; and __fish_seen_subcommand_from rotate-key" -l format -d 'Output format' -r -f -a "table\t''
json\t''"
complete -c pulse -n "__fish_pulse_using_subcommand projects; and __fish_seen_subcommand_from rotate-key" -l config -d 'Config file (the daemon\'s; the CLI reads it to find a local daemon\'s admin token) [env: PULSE_CONFIG]' -r -F
complete -c pulse -n "__fish_pulse_using_subcommand projects; and __fish_seen_subcommand_from rotate-key" -l json -d 'Short for --format json'
complete -c pulse -n "__fish_pulse_using_subcommand projects; and __fish_seen_subcommand_from rotate-key" -s q -l quiet -d 'Print only ids, one per line'
complete -c pulse -n "__fish_pulse_using_subcommand projects; and __fish_seen_subcommand_from rotate-key" -l no-color -d 'Never use colour (pulse prints none; accepted so scripts can always pass it)'
complete -c pulse -n "__fish_pulse_using_subcommand projects; and __fish_seen_subcommand_from rotate-key" -s v -l verbose -d 'Say which URL, key and context are used, and where each came from'
complete -c pulse -n "__fish_pulse_using_subcommand projects; and __fish_seen_subcommand_from rotate-key" -s h -l help -d 'Print help'
complete -c pulse -n "__fish_pulse_using_subcommand projects; and __fish_seen_subcommand_from rotate-key" -s V -l version -d 'Print version'
complete -c pulse -n "__fish_pulse_using_subcommand projects; and __fish_seen_subcommand_from limits" -l context -d 'Use this saved context [env: PULSE_CONTEXT]' -r
complete -c pulse -n "__fish_pulse_using_subcommand projects; and __fish_seen_subcommand_from limits" -l url -d 'Control plane URL [env: PULSE_URL] [default: http://127.0.0.1:8081]' -r
complete -c pulse -n "__fish_pulse_using_subcommand projects; and __fish_seen_subcommand_from limits" -l api-key -d 'Project API key [env: PULSE_API_KEY]' -r
complete -c pulse -n "__fish_pulse_using_subcommand projects; and __fish_seen_subcommand_from limits" -l format -d 'Output format' -r -f -a "table\t''
json\t''"
complete -c pulse -n "__fish_pulse_using_subcommand projects; and __fish_seen_subcommand_from limits" -l config -d 'Config file (the daemon\'s; the CLI reads it to find a local daemon\'s admin token) [env: PULSE_CONFIG]' -r -F
complete -c pulse -n "__fish_pulse_using_subcommand projects; and __fish_seen_subcommand_from limits" -l json -d 'Short for --format json'
complete -c pulse -n "__fish_pulse_using_subcommand projects; and __fish_seen_subcommand_from limits" -s q -l quiet -d 'Print only ids, one per line'
complete -c pulse -n "__fish_pulse_using_subcommand projects; and __fish_seen_subcommand_from limits" -l no-color -d 'Never use colour (pulse prints none; accepted so scripts can always pass it)'
complete -c pulse -n "__fish_pulse_using_subcommand projects; and __fish_seen_subcommand_from limits" -s v -l verbose -d 'Say which URL, key and context are used, and where each came from'
complete -c pulse -n "__fish_pulse_using_subcommand projects; and __fish_seen_subcommand_from limits" -s h -l help -d 'Print help'
complete -c pulse -n "__fish_pulse_using_subcommand projects; and __fish_seen_subcommand_from limits" -s V -l version -d 'Print version'
complete -c pulse -n "__fish_pulse_using_subcommand projects; and __fish_seen_subcommand_from limits" -f -a "set" -d 'Set limits (the ones not named stay; 0 removes one)'
complete -c pulse -n "__fish_pulse_using_subcommand projects; and __fish_seen_subcommand_from limits" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c pulse -n "__fish_pulse_using_subcommand projects; and __fish_seen_subcommand_from delete" -l context -d 'Use this saved context [env: PULSE_CONTEXT]' -r
complete -c pulse -n "__fish_pulse_using_subcommand projects; and __fish_seen_subcommand_from delete" -l url -d 'Control plane URL [env: PULSE_URL] [default: http://127.0.0.1:8081]' -r
complete -c pulse -n "__fish_pulse_using_subcommand projects; and __fish_seen_subcommand_from delete" -l api-key -d 'Project API key [env: PULSE_API_KEY]' -r
complete -c pulse -n "__fish_pulse_using_subcommand projects; and __fish_seen_subcommand_from delete" -l format -d 'Output format' -r -f -a "table\t''
json\t''"
complete -c pulse -n "__fish_pulse_using_subcommand projects; and __fish_seen_subcommand_from delete" -l config -d 'Config file (the daemon\'s; the CLI reads it to find a local daemon\'s admin token) [env: PULSE_CONFIG]' -r -F
complete -c pulse -n "__fish_pulse_using_subcommand projects; and __fish_seen_subcommand_from delete" -l force -d 'Also when egress is running (it is stopped, ingress deleted)'
complete -c pulse -n "__fish_pulse_using_subcommand projects; and __fish_seen_subcommand_from delete" -l json -d 'Short for --format json'
complete -c pulse -n "__fish_pulse_using_subcommand projects; and __fish_seen_subcommand_from delete" -s q -l quiet -d 'Print only ids, one per line'
complete -c pulse -n "__fish_pulse_using_subcommand projects; and __fish_seen_subcommand_from delete" -l no-color -d 'Never use colour (pulse prints none; accepted so scripts can always pass it)'
complete -c pulse -n "__fish_pulse_using_subcommand projects; and __fish_seen_subcommand_from delete" -s v -l verbose -d 'Say which URL, key and context are used, and where each came from'
complete -c pulse -n "__fish_pulse_using_subcommand projects; and __fish_seen_subcommand_from delete" -s h -l help -d 'Print help'
complete -c pulse -n "__fish_pulse_using_subcommand projects; and __fish_seen_subcommand_from delete" -s V -l version -d 'Print version'
complete -c pulse -n "__fish_pulse_using_subcommand projects; and __fish_seen_subcommand_from help" -f -a "create" -d 'Create a project; its API key is shown this once'
complete -c pulse -n "__fish_pulse_using_subcommand projects; and __fish_seen_subcommand_from help" -f -a "list" -d 'List projects'
complete -c pulse -n "__fish_pulse_using_subcommand projects; and __fish_seen_subcommand_from help" -f -a "get" -d 'Show one project'
complete -c pulse -n "__fish_pulse_using_subcommand projects; and __fish_seen_subcommand_from help" -f -a "rotate-key" -d 'Replace a project\'s API key; the old one stops working at once'
complete -c pulse -n "__fish_pulse_using_subcommand projects; and __fish_seen_subcommand_from help" -f -a "limits" -d 'A project\'s limits: over a hard one egress starts and ingress creates are refused'
complete -c pulse -n "__fish_pulse_using_subcommand projects; and __fish_seen_subcommand_from help" -f -a "delete" -d 'Delete a project and everything it owns'
complete -c pulse -n "__fish_pulse_using_subcommand projects; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c pulse -n "__fish_pulse_using_subcommand context; and not __fish_seen_subcommand_from add list use remove show help" -l context -d 'Use this saved context [env: PULSE_CONTEXT]' -r
complete -c pulse -n "__fish_pulse_using_subcommand context; and not __fish_seen_subcommand_from add list use remove show help" -l url -d 'Control plane URL [env: PULSE_URL] [default: http://127.0.0.1:8081]' -r
complete -c pulse -n "__fish_pulse_using_subcommand context; and not __fish_seen_subcommand_from add list use remove show help" -l api-key -d 'Project API key [env: PULSE_API_KEY]' -r
complete -c pulse -n "__fish_pulse_using_subcommand context; and not __fish_seen_subcommand_from add list use remove show help" -l format -d 'Output format' -r -f -a "table\t''
json\t''"
complete -c pulse -n "__fish_pulse_using_subcommand context; and not __fish_seen_subcommand_from add list use remove show help" -l config -d 'Config file (the daemon\'s; the CLI reads it to find a local daemon\'s admin token) [env: PULSE_CONFIG]' -r -F
complete -c pulse -n "__fish_pulse_using_subcommand context; and not __fish_seen_subcommand_from add list use remove show help" -l json -d 'Short for --format json'
complete -c pulse -n "__fish_pulse_using_subcommand context; and not __fish_seen_subcommand_from add list use remove show help" -s q -l quiet -d 'Print only ids, one per line'
complete -c pulse -n "__fish_pulse_using_subcommand context; and not __fish_seen_subcommand_from add list use remove show help" -l no-color -d 'Never use colour (pulse prints none; accepted so scripts can always pass it)'
complete -c pulse -n "__fish_pulse_using_subcommand context; and not __fish_seen_subcommand_from add list use remove show help" -s v -l verbose -d 'Say which URL, key and context are used, and where each came from'
complete -c pulse -n "__fish_pulse_using_subcommand context; and not __fish_seen_subcommand_from add list use remove show help" -s h -l help -d 'Print help'
complete -c pulse -n "__fish_pulse_using_subcommand context; and not __fish_seen_subcommand_from add list use remove show help" -s V -l version -d 'Print version'
complete -c pulse -n "__fish_pulse_using_subcommand context; and not __fish_seen_subcommand_from add list use remove show help" -f -a "add" -d 'Save a control plane and key under a name'
complete -c pulse -n "__fish_pulse_using_subcommand context; and not __fish_seen_subcommand_from add list use remove show help" -f -a "list" -d 'List saved contexts'
complete -c pulse -n "__fish_pulse_using_subcommand context; and not __fish_seen_subcommand_from add list use remove show help" -f -a "use" -d 'Make a context the current one'
complete -c pulse -n "__fish_pulse_using_subcommand context; and not __fish_seen_subcommand_from add list use remove show help" -f -a "remove" -d 'Forget a context'
complete -c pulse -n "__fish_pulse_using_subcommand context; and not __fish_seen_subcommand_from add list use remove show help" -f -a "show" -d 'Show what commands will use, and where each value comes from'
complete -c pulse -n "__fish_pulse_using_subcommand context; and not __fish_seen_subcommand_from add list use remove show help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c pulse -n "__fish_pulse_using_subcommand context; and __fish_seen_subcommand_from add" -l url -d 'Control plane URL' -r
complete -c pulse -n "__fish_pulse_using_subcommand context; and __fish_seen_subcommand_from add" -l api-key -d 'Project API key' -r
complete -c pulse -n "__fish_pulse_using_subcommand context; and __fish_seen_subcommand_from add" -l admin-token -d 'Admin token (for `pulse projects`)' -r
complete -c pulse -n "__fish_pulse_using_subcommand context; and __fish_seen_subcommand_from add" -l context -d 'Use this saved context [env: PULSE_CONTEXT]' -r
complete -c pulse -n "__fish_pulse_using_subcommand context; and __fish_seen_subcommand_from add" -l format -d 'Output format' -r -f -a "table\t''
json\t''"
complete -c pulse -n "__fish_pulse_using_subcommand context; and __fish_seen_subcommand_from add" -l config -d 'Config file (the daemon\'s; the CLI reads it to find a local daemon\'s admin token) [env: PULSE_CONFIG]' -r -F
complete -c pulse -n "__fish_pulse_using_subcommand context; and __fish_seen_subcommand_from add" -l json -d 'Short for --format json'
complete -c pulse -n "__fish_pulse_using_subcommand context; and __fish_seen_subcommand_from add" -s q -l quiet -d 'Print only ids, one per line'
complete -c pulse -n "__fish_pulse_using_subcommand context; and __fish_seen_subcommand_from add" -l no-color -d 'Never use colour (pulse prints none; accepted so scripts can always pass it)'
complete -c pulse -n "__fish_pulse_using_subcommand context; and __fish_seen_subcommand_from add" -s v -l verbose -d 'Say which URL, key and context are used, and where each came from'
complete -c pulse -n "__fish_pulse_using_subcommand context; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help'
complete -c pulse -n "__fish_pulse_using_subcommand context; and __fish_seen_subcommand_from add" -s V -l version -d 'Print version'
complete -c pulse -n "__fish_pulse_using_subcommand context; and __fish_seen_subcommand_from list" -l context -d 'Use this saved context [env: PULSE_CONTEXT]' -r
complete -c pulse -n "__fish_pulse_using_subcommand context; and __fish_seen_subcommand_from list" -l url -d 'Control plane URL [env: PULSE_URL] [default: http://127.0.0.1:8081]' -r
complete -c pulse -n "__fish_pulse_using_subcommand context; and __fish_seen_subcommand_from list" -l api-key -d 'Project API key [env: PULSE_API_KEY]' -r
complete -c pulse -n "__fish_pulse_using_subcommand context; and __fish_seen_subcommand_from list" -l format -d 'Output format' -r -f -a "table\t''
json\t''"
complete -c pulse -n "__fish_pulse_using_subcommand context; and __fish_seen_subcommand_from list" -l config -d 'Config file (the daemon\'s; the CLI reads it to find a local daemon\'s admin token) [env: PULSE_CONFIG]' -r -F
complete -c pulse -n "__fish_pulse_using_subcommand context; and __fish_seen_subcommand_from list" -l json -d 'Short for --format json'
complete -c pulse -n "__fish_pulse_using_subcommand context; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print only ids, one per line'
complete -c pulse -n "__fish_pulse_using_subcommand context; and __fish_seen_subcommand_from list" -l no-color -d 'Never use colour (pulse prints none; accepted so scripts can always pass it)'
complete -c pulse -n "__fish_pulse_using_subcommand context; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Say which URL, key and context are used, and where each came from'
complete -c pulse -n "__fish_pulse_using_subcommand context; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c pulse -n "__fish_pulse_using_subcommand context; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c pulse -n "__fish_pulse_using_subcommand context; and __fish_seen_subcommand_from use" -l context -d 'Use this saved context [env: PULSE_CONTEXT]' -r
complete -c pulse -n "__fish_pulse_using_subcommand context; and __fish_seen_subcommand_from use" -l url -d 'Control plane URL [env: PULSE_URL] [default: http://127.0.0.1:8081]' -r
complete -c pulse -n "__fish_pulse_using_subcommand context; and __fish_seen_subcommand_from use" -l api-key -d 'Project API key [env: PULSE_API_KEY]' -r
complete -c pulse -n "__fish_pulse_using_subcommand context; and __fish_seen_subcommand_from use" -l format -d 'Output format' -r -f -a "table\t''
json\t''"
complete -c pulse -n "__fish_pulse_using_subcommand context; and __fish_seen_subcommand_from use" -l config -d 'Config file (the daemon\'s; the CLI reads it to find a local daemon\'s admin token) [env: PULSE_CONFIG]' -r -F
complete -c pulse -n "__fish_pulse_using_subcommand context; and __fish_seen_subcommand_from use" -l json -d 'Short for --format json'
complete -c pulse -n "__fish_pulse_using_subcommand context; and __fish_seen_subcommand_from use" -s q -l quiet -d 'Print only ids, one per line'
complete -c pulse -n "__fish_pulse_using_subcommand context; and __fish_seen_subcommand_from use" -l no-color -d 'Never use colour (pulse prints none; accepted so scripts can always pass it)'
complete -c pulse -n "__fish_pulse_using_subcommand context; and __fish_seen_subcommand_from use" -s v -l verbose -d 'Say which URL, key and context are used, and where each came from'
complete -c pulse -n "__fish_pulse_using_subcommand context; and __fish_seen_subcommand_from use" -s h -l help -d 'Print help'
complete -c pulse -n "__fish_pulse_using_subcommand context; and __fish_seen_subcommand_from use" -s V -l version -d 'Print version'
complete -c pulse -n "__fish_pulse_using_subcommand context; and __fish_seen_subcommand_from remove" -l context -d 'Use this saved context [env: PULSE_CONTEXT]' -r
complete -c pulse -n "__fish_pulse_using_subcommand context; and __fish_seen_subcommand_from remove" -l url -d 'Control plane URL [env: PULSE_URL] [default: http://127.0.0.1:8081]' -r
complete -c pulse -n "__fish_pulse_using_subcommand context; and __fish_seen_subcommand_from remove" -l api-key -d 'Project API key [env: PULSE_API_KEY]' -r
complete -c pulse -n "__fish_pulse_using_subcommand context; and __fish_seen_subcommand_from remove" -l format -d 'Output format' -r -f -a "table\t''
json\t''"
complete -c pulse -n "__fish_pulse_using_subcommand context; and __fish_seen_subcommand_from remove" -l config -d 'Config file (the daemon\'s; the CLI reads it to find a local daemon\'s admin token) [env: PULSE_CONFIG]' -r -F
complete -c pulse -n "__fish_pulse_using_subcommand context; and __fish_seen_subcommand_from remove" -l json -d 'Short for --format json'
complete -c pulse -n "__fish_pulse_using_subcommand context; and __fish_seen_subcommand_from remove" -s q -l quiet -d 'Print only ids, one per line'
complete -c pulse -n "__fish_pulse_using_subcommand context; and __fish_seen_subcommand_from remove" -l no-color -d 'Never use colour (pulse prints none; accepted so scripts can always pass it)'
complete -c pulse -n "__fish_pulse_using_subcommand context; and __fish_seen_subcommand_from remove" -s v -l verbose -d 'Say which URL, key and context are used, and where each came from'
complete -c pulse -n "__fish_pulse_using_subcommand context; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help'
complete -c pulse -n "__fish_pulse_using_subcommand context; and __fish_seen_subcommand_from remove" -s V -l version -d 'Print version'
complete -c pulse -n "__fish_pulse_using_subcommand context; and __fish_seen_subcommand_from show" -l context -d 'Use this saved context [env: PULSE_CONTEXT]' -r
complete -c pulse -n "__fish_pulse_using_subcommand context; and __fish_seen_subcommand_from show" -l url -d 'Control plane URL [env: PULSE_URL] [default: http://127.0.0.1:8081]' -r
complete -c pulse -n "__fish_pulse_using_subcommand context; and __fish_seen_subcommand_from show" -l api-key -d 'Project API key [env: PULSE_API_KEY]' -r
complete -c pulse -n "__fish_pulse_using_subcommand context; and __fish_seen_subcommand_from show" -l format -d 'Output format' -r -f -a "table\t''
json\t''"
complete -c pulse -n "__fish_pulse_using_subcommand context; and __fish_seen_subcommand_from show" -l config -d 'Config file (the daemon\'s; the CLI reads it to find a local daemon\'s admin token) [env: PULSE_CONFIG]' -r -F
complete -c pulse -n "__fish_pulse_using_subcommand context; and __fish_seen_subcommand_from show" -l json -d 'Short for --format json'
complete -c pulse -n "__fish_pulse_using_subcommand context; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print only ids, one per line'
complete -c pulse -n "__fish_pulse_using_subcommand context; and __fish_seen_subcommand_from show" -l no-color -d 'Never use colour (pulse prints none; accepted so scripts can always pass it)'
complete -c pulse -n "__fish_pulse_using_subcommand context; and __fish_seen_subcommand_from show" -s v -l verbose -d 'Say which URL, key and context are used, and where each came from'
complete -c pulse -n "__fish_pulse_using_subcommand context; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help'
complete -c pulse -n "__fish_pulse_using_subcommand context; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c pulse -n "__fish_pulse_using_subcommand context; and __fish_seen_subcommand_from help" -f -a "add" -d 'Save a control plane and key under a name'
complete -c pulse -n "__fish_pulse_using_subcommand context; and __fish_seen_subcommand_from help" -f -a "list" -d 'List saved contexts'
complete -c pulse -n "__fish_pulse_using_subcommand context; and __fish_seen_subcommand_from help" -f -a "use" -d 'Make a context the current one'
complete -c pulse -n "__fish_pulse_using_subcommand context; and __fish_seen_subcommand_from help" -f -a "remove" -d 'Forget a context'
complete -c pulse -n "__fish_pulse_using_subcommand context; and __fish_seen_subcommand_from help" -f -a "show" -d 'Show what commands will use, and where each value comes from'
complete -c pulse -n "__fish_pulse_using_subcommand context; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c pulse -n "__fish_pulse_using_subcommand token; and not __fish_seen_subcommand_from create help" -l context -d 'Use this saved context [env: PULSE_CONTEXT]' -r
complete -c pulse -n "__fish_pulse_using_subcommand token; and not __fish_seen_subcommand_from create help" -l url -d 'Control plane URL [env: PULSE_URL] [default: http://127.0.0.1:8081]' -r
complete -c pulse -n "__fish_pulse_using_subcommand token; and not __fish_seen_subcommand_from create help" -l api-key -d 'Project API key [env: PULSE_API_KEY]' -r
complete -c pulse -n "__fish_pulse_using_subcommand token; and not __fish_seen_subcommand_from create help" -l format -d 'Output format' -r -f -a "table\t''
json\t''"
complete -c pulse -n "__fish_pulse_using_subcommand token; and not __fish_seen_subcommand_from create help" -l config -d 'Config file (the daemon\'s; the CLI reads it to find a local daemon\'s admin token) [env: PULSE_CONFIG]' -r -F
complete -c pulse -n "__fish_pulse_using_subcommand token; and not __fish_seen_subcommand_from create help" -l json -d 'Short for --format json'
complete -c pulse -n "__fish_pulse_using_subcommand token; and not __fish_seen_subcommand_from create help" -s q -l quiet -d 'Print only ids, one per line'
complete -c pulse -n "__fish_pulse_using_subcommand token; and not __fish_seen_subcommand_from create help" -l no-color -d 'Never use colour (pulse prints none; accepted so scripts can always pass it)'
complete -c pulse -n "__fish_pulse_using_subcommand token; and not __fish_seen_subcommand_from create help" -s v -l verbose -d 'Say which URL, key and context are used, and where each came from'
complete -c pulse -n "__fish_pulse_using_subcommand token; and not __fish_seen_subcommand_from create help" -s h -l help -d 'Print help'
complete -c pulse -n "__fish_pulse_using_subcommand token; and not __fish_seen_subcommand_from create help" -s V -l version -d 'Print version'
complete -c pulse -n "__fish_pulse_using_subcommand token; and not __fish_seen_subcommand_from create help" -f -a "create" -d 'Create a join token (with -q, only the token is printed)'
complete -c pulse -n "__fish_pulse_using_subcommand token; and not __fish_seen_subcommand_from create help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c pulse -n "__fish_pulse_using_subcommand token; and __fish_seen_subcommand_from create" -l room -d 'Room' -r
complete -c pulse -n "__fish_pulse_using_subcommand token; and __fish_seen_subcommand_from create" -l identity -d 'Participant identity' -r
complete -c pulse -n "__fish_pulse_using_subcommand token; and __fish_seen_subcommand_from create" -l name -d 'Display name' -r
complete -c pulse -n "__fish_pulse_using_subcommand token; and __fish_seen_subcommand_from create" -l ttl -d 'Validity' -r
complete -c pulse -n "__fish_pulse_using_subcommand token; and __fish_seen_subcommand_from create" -l context -d 'Use this saved context [env: PULSE_CONTEXT]' -r
complete -c pulse -n "__fish_pulse_using_subcommand token; and __fish_seen_subcommand_from create" -l url -d 'Control plane URL [env: PULSE_URL] [default: http://127.0.0.1:8081]' -r
complete -c pulse -n "__fish_pulse_using_subcommand token; and __fish_seen_subcommand_from create" -l api-key -d 'Project API key [env: PULSE_API_KEY]' -r
complete -c pulse -n "__fish_pulse_using_subcommand token; and __fish_seen_subcommand_from create" -l format -d 'Output format' -r -f -a "table\t''
json\t''"
complete -c pulse -n "__fish_pulse_using_subcommand token; and __fish_seen_subcommand_from create" -l config -d 'Config file (the daemon\'s; the CLI reads it to find a local daemon\'s admin token) [env: PULSE_CONFIG]' -r -F
complete -c pulse -n "__fish_pulse_using_subcommand token; and __fish_seen_subcommand_from create" -l no-publish -d 'Join without publishing'
complete -c pulse -n "__fish_pulse_using_subcommand token; and __fish_seen_subcommand_from create" -l no-subscribe -d 'Join without subscribing'
complete -c pulse -n "__fish_pulse_using_subcommand token; and __fish_seen_subcommand_from create" -l json -d 'Short for --format json'
complete -c pulse -n "__fish_pulse_using_subcommand token; and __fish_seen_subcommand_from create" -s q -l quiet -d 'Print only ids, one per line'
complete -c pulse -n "__fish_pulse_using_subcommand token; and __fish_seen_subcommand_from create" -l no-color -d 'Never use colour (pulse prints none; accepted so scripts can always pass it)'
complete -c pulse -n "__fish_pulse_using_subcommand token; and __fish_seen_subcommand_from create" -s v -l verbose -d 'Say which URL, key and context are used, and where each came from'
complete -c pulse -n "__fish_pulse_using_subcommand token; and __fish_seen_subcommand_from create" -s h -l help -d 'Print help'
complete -c pulse -n "__fish_pulse_using_subcommand token; and __fish_seen_subcommand_from create" -s V -l version -d 'Print version'
complete -c pulse -n "__fish_pulse_using_subcommand token; and __fish_seen_subcommand_from help" -f -a "create" -d 'Create a join token (with -q, only the token is printed)'
complete -c pulse -n "__fish_pulse_using_subcommand token; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c pulse -n "__fish_pulse_using_subcommand webhooks; and not __fish_seen_subcommand_from logs show replay endpoints test listen verify help" -l context -d 'Use this saved context [env: PULSE_CONTEXT]' -r
complete -c pulse -n "__fish_pulse_using_subcommand webhooks; and not __fish_seen_subcommand_from logs show replay endpoints test listen verify help" -l url -d 'Control plane URL [env: PULSE_URL] [default: http://127.0.0.1:8081]' -r
complete -c pulse -n "__fish_pulse_using_subcommand webhooks; and not __fish_seen_subcommand_from logs show replay endpoints test listen verify help" -l api-key -d 'Project API key [env: PULSE_API_KEY]' -r
complete -c pulse -n "__fish_pulse_using_subcommand webhooks; and not __fish_seen_subcommand_from logs show replay endpoints test listen verify help" -l format -d 'Output format' -r -f -a "table\t''
json\t''"
complete -c pulse -n "__fish_pulse_using_subcommand webhooks; and not __fish_seen_subcommand_from logs show replay endpoints test listen verify help" -l config -d 'Config file (the daemon\'s; the CLI reads it to find a local daemon\'s admin token) [env: PULSE_CONFIG]' -r -F
complete -c pulse -n "__fish_pulse_using_subcommand webhooks; and not __fish_seen_subcommand_from logs show replay endpoints test listen verify help" -l json -d 'Short for --format json'
complete -c pulse -n "__fish_pulse_using_subcommand webhooks; and not __fish_seen_subcommand_from logs show replay endpoints test listen verify help" -s q -l quiet -d 'Print only ids, one per line'
complete -c pulse -n "__fish_pulse_using_subcommand webhooks; and not __fish_seen_subcommand_from logs show replay endpoints test listen verify help" -l no-color -d 'Never use colour (pulse prints none; accepted so scripts can always pass it)'
complete -c pulse -n "__fish_pulse_using_subcommand webhooks; and not __fish_seen_subcommand_from logs show replay endpoints test listen verify help" -s v -l verbose -d 'Say which URL, key and context are used, and where each came from'
complete -c pulse -n "__fish_pulse_using_subcommand webhooks; and not __fish_seen_subcommand_from logs show replay endpoints test listen verify help" -s h -l help -d 'Print help'
complete -c pulse -n "__fish_pulse_using_subcommand webhooks; and not __fish_seen_subcommand_from logs show replay endpoints test listen verify help" -s V -l version -d 'Print version'
complete -c pulse -n "__fish_pulse_using_subcommand webhooks; and not __fish_seen_subcommand_from logs show replay endpoints test listen verify help" -f -a "logs" -d 'List deliveries (one event × one endpoint), newest first'
complete -c pulse -n "__fish_pulse_using_subcommand webhooks; and not __fish_seen_subcommand_from logs show replay endpoints test listen verify help" -f -a "show" -d 'Show one delivery with its payload and every attempt'
complete -c pulse -n "__fish_pulse_using_subcommand webhooks; and not __fish_seen_subcommand_from logs show replay endpoints test listen verify help" -f -a "replay" -d 'Send a delivery again now, or every delivery matching filters'
complete -c pulse -n "__fish_pulse_using_subcommand webhooks; and not __fish_seen_subcommand_from logs show replay endpoints test listen verify help" -f -a "endpoints" -d 'Manage webhook endpoints'
complete -c pulse -n "__fish_pulse_using_subcommand webhooks; and not __fish_seen_subcommand_from logs show replay endpoints test listen verify help" -f -a "test" -d 'Send a sample event to the project\'s endpoints'
complete -c pulse -n "__fish_pulse_using_subcommand webhooks; and not __fish_seen_subcommand_from logs show replay endpoints test listen verify help" -f -a "listen" -d 'Forward the project\'s events, as they happen, to a local URL'
complete -c pulse -n "__fish_pulse_using_subcommand webhooks; and not __fish_seen_subcommand_from logs show replay endpoints test listen verify help" -f -a "verify" -d 'Check a captured delivery\'s signature: headers from --header, body from stdin'
complete -c pulse -n "__fish_pulse_using_subcommand webhooks; and not __fish_seen_subcommand_from logs show replay endpoints test listen verify help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c pulse -n "__fish_pulse_using_subcommand webhooks; and __fish_seen_subcommand_from logs" -l status -d 'pending, retrying, delivered or failed' -r
complete -c pulse -n "__fish_pulse_using_subcommand webhooks; and __fish_seen_subcommand_from logs" -l event -d 'Only this event' -r
complete -c pulse -n "__fish_pulse_using_subcommand webhooks; and __fish_seen_subcommand_from logs" -l endpoint -d 'Only this endpoint' -r
complete -c pulse -n "__fish_pulse_using_subcommand webhooks; and __fish_seen_subcommand_from logs" -l since -d 'Since a time (RFC 3339) or for a duration back (24h)' -r
complete -c pulse -n "__fish_pulse_using_subcommand webhooks; and __fish_seen_subcommand_from logs" -l until -d 'Until a time (RFC 3339) or a duration back' -r
complete -c pulse -n "__fish_pulse_using_subcommand webhooks; and __fish_seen_subcommand_from logs" -l page -d 'Page, from 1' -r
complete -c pulse -n "__fish_pulse_using_subcommand webhooks; and __fish_seen_subcommand_from logs" -l limit -d 'Items per page, 1–100' -r
complete -c pulse -n "__fish_pulse_using_subcommand webhooks; and __fish_seen_subcommand_from logs" -l context -d 'Use this saved context [env: PULSE_CONTEXT]' -r
complete -c pulse -n "__fish_pulse_using_subcommand webhooks; and __fish_seen_subcommand_from logs" -l url -d 'Control plane URL [env: PULSE_URL] [default: http://127.0.0.1:8081]' -r
complete -c pulse -n "__fish_pulse_using_subcommand webhooks; and __fish_seen_subcommand_from logs" -l api-key -d 'Project API key [env: PULSE_API_KEY]' -r
complete -c pulse -n "__fish_pulse_using_subcommand webhooks; and __fish_seen_subcommand_from logs" -l format -d 'Output format' -r -f -a "table\t''
json\t''"
complete -c pulse -n "__fish_pulse_using_subcommand webhooks; and __fish_seen_subcommand_from logs" -l config -d 'Config file (the daemon\'s; the CLI reads it to find a local daemon\'s admin token) [env: PULSE_CONFIG]' -r -F
complete -c pulse -n "__fish_pulse_using_subcommand webhooks; and __fish_seen_subcommand_from logs" -s f -l follow -d 'Keep printing deliveries as they are made or change (JSON Lines with --json)'
complete -c pulse -n "__fish_pulse_using_subcommand webhooks; and __fish_seen_subcommand_from logs" -l json -d 'Short for --format json'
complete -c pulse -n "__fish_pulse_using_subcommand webhooks; and __fish_seen_subcommand_from logs" -s q -l quiet -d 'Print only ids, one per line'
complete -c pulse -n "__fish_pulse_using_subcommand webhooks; and __fish_seen_subcommand_from logs" -l no-color -d 'Never use colour (pulse prints none; accepted so scripts can always pass it)'
complete -c pulse -n "__fish_pulse_using_subcommand webhooks; and __fish_seen_subcommand_from logs" -s v -l verbose -d 'Say which URL, key and context are used, and where each came from'
complete -c pulse -n "__fish_pulse_using_subcommand webhooks; and __fish_seen_subcommand_from logs" -s h -l help -d 'Print help'
complete -c pulse -n "__fish_pulse_using_subcommand webhooks; and __fish_seen_subcommand_from logs" -s V -l version -d 'Print version'
complete -c pulse -n "__fish_pulse_using_subcommand webhooks; and __fish_seen_subcommand_from show" -l context -d 'Use this saved context [env: PULSE_CONTEXT]' -r
complete -c pulse -n "__fish_pulse_using_subcommand webhooks; and __fish_seen_subcommand_from show" -l url -d 'Control plane URL [env: PULSE_URL] [default: http://127.0.0.1:8081]' -r
complete -c pulse -n "__fish_pulse_using_subcommand webhooks; and __fish_seen_subcommand_from show" -l api-key -d 'Project API key [env: PULSE_API_KEY]' -r
complete -c pulse -n "__fish_pulse_using_subcommand webhooks; and __fish_seen_subcommand_from show" -l format -d 'Output format' -r -f -a "table\t''
json\t''"
complete -c pulse -n "__fish_pulse_using_subcommand webhooks; and __fish_seen_subcommand_from show" -l config -d 'Config file (the daemon\'s; the CLI reads it to find a local daemon\'s admin token) [env: PULSE_CONFIG]' -r -F
complete -c pulse -n "__fish_pulse_using_subcommand webhooks; and __fish_seen_subcommand_from show" -l json -d 'Short for --format json'
complete -c pulse -n "__fish_pulse_using_subcommand webhooks; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print only ids, one per line'
complete -c pulse -n "__fish_pulse_using_subcommand webhooks; and __fish_seen_subcommand_from show" -l no-color -d 'Never use colour (pulse prints none; accepted so scripts can always pass it)'
complete -c pulse -n "__fish_pulse_using_subcommand webhooks; and __fish_seen_subcommand_from show" -s v -l verbose -d 'Say which URL, key and context are used, and where each came from'
complete -c pulse -n "__fish_pulse_using_subcommand webhooks; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help'
complete -c pulse -n "__fish_pulse_using_subcommand webhooks; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c pulse -n "__fish_pulse_using_subcommand webhooks; and __fish_seen_subcommand_from replay" -l to -d 'Send to this URL instead of the endpoint\'s (one delivery only)' -r
complete -c pulse -n "__fish_pulse_using_subcommand webhooks; and __fish_seen_subcommand_from replay" -l status -d 'Replay every delivery with this status (e.g. failed)' -r
complete -c pulse -n "__fish_pulse_using_subcommand webhooks; and __fish_seen_subcommand_from replay" -l since -d 'With --status: since a time or for a duration back (24h)' -r
complete -c pulse -n "__fish_pulse_using_subcommand webhooks; and __fish_seen_subcommand_from replay" -l event -d 'With --status: only this event' -r
complete -c pulse -n "__fish_pulse_using_subcommand webhooks; and __fish_seen_subcommand_from replay" -l endpoint -d 'With --status: only this endpoint' -r
complete -c pulse -n "__fish_pulse_using_subcommand webhooks; and __fish_seen_subcommand_from replay" -l context -d 'Use this saved context [env: PULSE_CONTEXT]' -r
complete -c pulse -n "__fish_pulse_using_subcommand webhooks; and __fish_seen_subcommand_from replay" -l url -d 'Control plane URL [env: PULSE_URL] [default: http://127.0.0.1:8081]' -r
complete -c pulse -n "__fish_pulse_using_subcommand webhooks; and __fish_seen_subcommand_from replay" -l api-key -d 'Project API key [env: PULSE_API_KEY]' -r
complete -c pulse -n "__fish_pulse_using_subcommand webhooks; and __fish_seen_subcommand_from replay" -l format -d 'Output format' -r -f -a "table\t''
json\t''"
complete -c pulse -n "__fish_pulse_using_subcommand webhooks; and __fish_seen_subcommand_from replay" -l config -d 'Config file (the daemon\'s; the CLI reads it to find a local daemon\'s admin token) [env: PULSE_CONFIG]' -r -F
complete -c pulse -n "__fish_pulse_using_subcommand webhooks; and __fish_seen_subcommand_from replay" -l dry-run -d 'List what would be replayed, send nothing'
complete -c pulse -n "__fish_pulse_using_subcommand webhooks; and __fish_seen_subcommand_from replay" -s y -l yes -d 'Do not ask for confirmation'
complete -c pulse -n "__fish_pulse_using_subcommand webhooks; and __fish_seen_subcommand_from replay" -l json -d 'Short for --format json'
complete -c pulse -n "__fish_pulse_using_subcommand webhooks; and __fish_seen_subcommand_from replay" -s q -l quiet -d 'Print only ids, one per line'
complete -c pulse -n "__fish_pulse_using_subcommand webhooks; and __fish_seen_subcommand_from replay" -l no-color -d 'Never use colour (pulse prints none; accepted so scripts can always pass it)'
complete -c pulse -n "__fish_pulse_using_subcommand webhooks; and __fish_seen_subcommand_from replay" -s v -l verbose -d 'Say which URL, key and context are used, and where each came from'
complete -c pulse -n "__fish_pulse_using_subcommand webhooks; and __fish_seen_subcommand_from replay" -s h -l help -d 'Print help'
complete -c pulse -n "__fish_pulse_using_subcommand webhooks; and __fish_seen_subcommand_from replay" -s V -l version -d 'Print version'
complete -c pulse -n "__fish_pulse_using_subcommand webhooks; and __fish_seen_subcommand_from endpoints" -l context -d 'Use this saved context [env: PULSE_CONTEXT]' -r
complete -c pulse -n "__fish_pulse_using_subcommand webhooks; and __fish_seen_subcommand_from endpoints" -l url -d 'Control plane URL [env: PULSE_URL] [default: http://127.0.0.1:8081]' -r
complete -c pulse -n "__fish_pulse_using_subcommand webhooks; and __fish_seen_subcommand_from endpoints" -l api-key -d 'Project API key [env: PULSE_API_KEY]' -r
complete -c pulse -n "__fish_pulse_using_subcommand webhooks; and __fish_seen_subcommand_from endpoints" -l format -d 'Output format' -r -f -a "table\t''
json\t''"
complete -c pulse -n "__fish_pulse_using_subcommand webhooks; and __fish_seen_subcommand_from endpoints" -l config -d 'Config file (the daemon\'s; the CLI reads it to find a local daemon\'s admin token) [env: PULSE_CONFIG]' -r -F
complete -c pulse -n "__fish_pulse_using_subcommand webhooks; and __fish_seen_subcommand_from endpoints" -l json -d 'Short for --format json'
complete -c pulse -n "__fish_pulse_using_subcommand webhooks; and __fish_seen_subcommand_from endpoints" -s q -l quiet -d 'Print only ids, one per line'
complete -c pulse -n "__fish_pulse_using_subcommand webhooks; and __fish_seen_subcommand_from endpoints" -l no-color -d 'Never use colour (pulse prints none; accepted so scripts can always pass it)'
complete -c pulse -n "__fish_pulse_using_subcommand webhooks; and __fish_seen_subcommand_from endpoints" -s v -l verbose -d 'Say which URL, key and context are used, and where each came from'
complete -c pulse -n "__fish_pulse_using_subcommand webhooks; and __fish_seen_subcommand_from endpoints" -s h -l help -d 'Print help'
complete -c pulse -n "__fish_pulse_using_subcommand webhooks; and __fish_seen_subcommand_from endpoints" -s V -l version -d 'Print version'
complete -c pulse -n "__fish_pulse_using_subcommand webhooks; and __fish_seen_subcommand_from endpoints" -f -a "add" -d 'Add an endpoint; its secret is shown this once'
complete -c pulse -n "__fish_pulse_using_subcommand webhooks; and __fish_seen_subcommand_from endpoints" -f -a "update" -d 'Change an endpoint: the options named replace its own (an empty list clears one)'
complete -c pulse -n "__fish_pulse_using_subcommand webhooks; and __fish_seen_subcommand_from endpoints" -f -a "list" -d 'List endpoints'
complete -c pulse -n "__fish_pulse_using_subcommand webhooks; and __fish_seen_subcommand_from endpoints" -f -a "remove" -d 'Remove an endpoint'
complete -c pulse -n "__fish_pulse_using_subcommand webhooks; and __fish_seen_subcommand_from endpoints" -f -a "recover" -d 'Enable an endpoint again and queue every delivery to it that failed since then'
complete -c pulse -n "__fish_pulse_using_subcommand webhooks; and __fish_seen_subcommand_from endpoints" -f -a "rotate-secret" -d 'Replace an endpoint\'s secret; the old one also signs during the grace period'
complete -c pulse -n "__fish_pulse_using_subcommand webhooks; and __fish_seen_subcommand_from endpoints" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c pulse -n "__fish_pulse_using_subcommand webhooks; and __fish_seen_subcommand_from test" -l context -d 'Use this saved context [env: PULSE_CONTEXT]' -r
complete -c pulse -n "__fish_pulse_using_subcommand webhooks; and __fish_seen_subcommand_from test" -l url -d 'Control plane URL [env: PULSE_URL] [default: http://127.0.0.1:8081]' -r
complete -c pulse -n "__fish_pulse_using_subcommand webhooks; and __fish_seen_subcommand_from test" -l api-key -d 'Project API key [env: PULSE_API_KEY]' -r
complete -c pulse -n "__fish_pulse_using_subcommand webhooks; and __fish_seen_subcommand_from test" -l format -d 'Output format' -r -f -a "table\t''
json\t''"
complete -c pulse -n "__fish_pulse_using_subcommand webhooks; and __fish_seen_subcommand_from test" -l config -d 'Config file (the daemon\'s; the CLI reads it to find a local daemon\'s admin token) [env: PULSE_CONFIG]' -r -F
complete -c pulse -n "__fish_pulse_using_subcommand webhooks; and __fish_seen_subcommand_from test" -l json -d 'Short for --format json'
complete -c pulse -n "__fish_pulse_using_subcommand webhooks; and __fish_seen_subcommand_from test" -s q -l quiet -d 'Print only ids, one per line'
complete -c pulse -n "__fish_pulse_using_subcommand webhooks; and __fish_seen_subcommand_from test" -l no-color -d 'Never use colour (pulse prints none; accepted so scripts can always pass it)'
complete -c pulse -n "__fish_pulse_using_subcommand webhooks; and __fish_seen_subcommand_from test" -s v -l verbose -d 'Say which URL, key and context are used, and where each came from'
complete -c pulse -n "__fish_pulse_using_subcommand webhooks; and __fish_seen_subcommand_from test" -s h -l help -d 'Print help'
complete -c pulse -n "__fish_pulse_using_subcommand webhooks; and __fish_seen_subcommand_from test" -s V -l version -d 'Print version'
complete -c pulse -n "__fish_pulse_using_subcommand webhooks; and __fish_seen_subcommand_from listen" -l forward-to -d 'Where to POST each event, e.g. http://localhost:3000/webhooks' -r
complete -c pulse -n "__fish_pulse_using_subcommand webhooks; and __fish_seen_subcommand_from listen" -l context -d 'Use this saved context [env: PULSE_CONTEXT]' -r
complete -c pulse -n "__fish_pulse_using_subcommand webhooks; and __fish_seen_subcommand_from listen" -l url -d 'Control plane URL [env: PULSE_URL] [default: http://127.0.0.1:8081]' -r
complete -c pulse -n "__fish_pulse_using_subcommand webhooks; and __fish_seen_subcommand_from listen" -l api-key -d 'Project API key [env: PULSE_API_KEY]' -r
complete -c pulse -n "__fish_pulse_using_subcommand webhooks; and __fish_seen_subcommand_from listen" -l format -d 'Output format' -r -f -a "table\t''
json\t''"
complete -c pulse -n "__fish_pulse_using_subcommand webhooks; and __fish_seen_subcommand_from listen" -l config -d 'Config file (the daemon\'s; the CLI reads it to find a local daemon\'s admin token) [env: PULSE_CONFIG]' -r -F
complete -c pulse -n "__fish_pulse_using_subcommand webhooks; and __fish_seen_subcommand_from listen" -l print-secret -d 'Print the secret forwarded events are signed with, and exit'
complete -c pulse -n "__fish_pulse_using_subcommand webhooks; and __fish_seen_subcommand_from listen" -l json -d 'Short for --format json'
complete -c pulse -n "__fish_pulse_using_subcommand webhooks; and __fish_seen_subcommand_from listen" -s q -l quiet -d 'Print only ids, one per line'
complete -c pulse -n "__fish_pulse_using_subcommand webhooks; and __fish_seen_subcommand_from listen" -l no-color -d 'Never use colour (pulse prints none; accepted so scripts can always pass it)'
complete -c pulse -n "__fish_pulse_using_subcommand webhooks; and __fish_seen_subcommand_from listen" -s v -l verbose -d 'Say which URL, key and context are used, and where each came from'
complete -c pulse -n "__fish_pulse_using_subcommand webhooks; and __fish_seen_subcommand_from listen" -s h -l help -d 'Print help'
complete -c pulse -n "__fish_pulse_using_subcommand webhooks; and __fish_seen_subcommand_from listen" -s V -l version -d 'Print version'
complete -c pulse -n "__fish_pulse_using_subcommand webhooks; and __fish_seen_subcommand_from verify" -l secret -d 'The endpoint secret (whsec_…), or a v1a endpoint\'s public key (whpk_…)' -r
complete -c pulse -n "__fish_pulse_using_subcommand webhooks; and __fish_seen_subcommand_from verify" -s H -l header -d 'A header as \'Name: value\' (repeat)' -r
complete -c pulse -n "__fish_pulse_using_subcommand webhooks; and __fish_seen_subcommand_from verify" -l context -d 'Use this saved context [env: PULSE_CONTEXT]' -r
complete -c pulse -n "__fish_pulse_using_subcommand webhooks; and __fish_seen_subcommand_from verify" -l url -d 'Control plane URL [env: PULSE_URL] [default: http://127.0.0.1:8081]' -r
complete -c pulse -n "__fish_pulse_using_subcommand webhooks; and __fish_seen_subcommand_from verify" -l api-key -d 'Project API key [env: PULSE_API_KEY]' -r
complete -c pulse -n "__fish_pulse_using_subcommand webhooks; and __fish_seen_subcommand_from verify" -l format -d 'Output format' -r -f -a "table\t''
json\t''"
complete -c pulse -n "__fish_pulse_using_subcommand webhooks; and __fish_seen_subcommand_from verify" -l config -d 'Config file (the daemon\'s; the CLI reads it to find a local daemon\'s admin token) [env: PULSE_CONFIG]' -r -F
complete -c pulse -n "__fish_pulse_using_subcommand webhooks; and __fish_seen_subcommand_from verify" -l json -d 'Short for --format json'
complete -c pulse -n "__fish_pulse_using_subcommand webhooks; and __fish_seen_subcommand_from verify" -s q -l quiet -d 'Print only ids, one per line'
complete -c pulse -n "__fish_pulse_using_subcommand webhooks; and __fish_seen_subcommand_from verify" -l no-color -d 'Never use colour (pulse prints none; accepted so scripts can always pass it)'
complete -c pulse -n "__fish_pulse_using_subcommand webhooks; and __fish_seen_subcommand_from verify" -s v -l verbose -d 'Say which URL, key and context are used, and where each came from'
complete -c pulse -n "__fish_pulse_using_subcommand webhooks; and __fish_seen_subcommand_from verify" -s h -l help -d 'Print help'
complete -c pulse -n "__fish_pulse_using_subcommand webhooks; and __fish_seen_subcommand_from verify" -s V -l version -d 'Print version'
complete -c pulse -n "__fish_pulse_using_subcommand webhooks; and __fish_seen_subcommand_from help" -f -a "logs" -d 'List deliveries (one event × one endpoint), newest first'
complete -c pulse -n "__fish_pulse_using_subcommand webhooks; and __fish_seen_subcommand_from help" -f -a "show" -d 'Show one delivery with its payload and every attempt'
complete -c pulse -n "__fish_pulse_using_subcommand webhooks; and __fish_seen_subcommand_from help" -f -a "replay" -d 'Send a delivery again now, or every delivery matching filters'
complete -c pulse -n "__fish_pulse_using_subcommand webhooks; and __fish_seen_subcommand_from help" -f -a "endpoints" -d 'Manage webhook endpoints'
complete -c pulse -n "__fish_pulse_using_subcommand webhooks; and __fish_seen_subcommand_from help" -f -a "test" -d 'Send a sample event to the project\'s endpoints'
complete -c pulse -n "__fish_pulse_using_subcommand webhooks; and __fish_seen_subcommand_from help" -f -a "listen" -d 'Forward the project\'s events, as they happen, to a local URL'
complete -c pulse -n "__fish_pulse_using_subcommand webhooks; and __fish_seen_subcommand_from help" -f -a "verify" -d 'Check a captured delivery\'s signature: headers from --header, body from stdin'
complete -c pulse -n "__fish_pulse_using_subcommand webhooks; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c pulse -n "__fish_pulse_using_subcommand console; and not __fish_seen_subcommand_from link help" -l context -d 'Use this saved context [env: PULSE_CONTEXT]' -r
complete -c pulse -n "__fish_pulse_using_subcommand console; and not __fish_seen_subcommand_from link help" -l url -d 'Control plane URL [env: PULSE_URL] [default: http://127.0.0.1:8081]' -r
complete -c pulse -n "__fish_pulse_using_subcommand console; and not __fish_seen_subcommand_from link help" -l api-key -d 'Project API key [env: PULSE_API_KEY]' -r
complete -c pulse -n "__fish_pulse_using_subcommand console; and not __fish_seen_subcommand_from link help" -l format -d 'Output format' -r -f -a "table\t''
json\t''"
complete -c pulse -n "__fish_pulse_using_subcommand console; and not __fish_seen_subcommand_from link help" -l config -d 'Config file (the daemon\'s; the CLI reads it to find a local daemon\'s admin token) [env: PULSE_CONFIG]' -r -F
complete -c pulse -n "__fish_pulse_using_subcommand console; and not __fish_seen_subcommand_from link help" -l json -d 'Short for --format json'
complete -c pulse -n "__fish_pulse_using_subcommand console; and not __fish_seen_subcommand_from link help" -s q -l quiet -d 'Print only ids, one per line'
complete -c pulse -n "__fish_pulse_using_subcommand console; and not __fish_seen_subcommand_from link help" -l no-color -d 'Never use colour (pulse prints none; accepted so scripts can always pass it)'
complete -c pulse -n "__fish_pulse_using_subcommand console; and not __fish_seen_subcommand_from link help" -s v -l verbose -d 'Say which URL, key and context are used, and where each came from'
complete -c pulse -n "__fish_pulse_using_subcommand console; and not __fish_seen_subcommand_from link help" -s h -l help -d 'Print help'
complete -c pulse -n "__fish_pulse_using_subcommand console; and not __fish_seen_subcommand_from link help" -s V -l version -d 'Print version'
complete -c pulse -n "__fish_pulse_using_subcommand console; and not __fish_seen_subcommand_from link help" -f -a "link" -d 'Print a link that opens the console on one project, for a teammate or a customer'
complete -c pulse -n "__fish_pulse_using_subcommand console; and not __fish_seen_subcommand_from link help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c pulse -n "__fish_pulse_using_subcommand console; and __fish_seen_subcommand_from link" -l ttl -d 'How long the link works (60s to 7d)' -r
complete -c pulse -n "__fish_pulse_using_subcommand console; and __fish_seen_subcommand_from link" -l project -d 'The project to open, when using the admin token (a project key opens its own)' -r
complete -c pulse -n "__fish_pulse_using_subcommand console; and __fish_seen_subcommand_from link" -l context -d 'Use this saved context [env: PULSE_CONTEXT]' -r
complete -c pulse -n "__fish_pulse_using_subcommand console; and __fish_seen_subcommand_from link" -l url -d 'Control plane URL [env: PULSE_URL] [default: http://127.0.0.1:8081]' -r
complete -c pulse -n "__fish_pulse_using_subcommand console; and __fish_seen_subcommand_from link" -l api-key -d 'Project API key [env: PULSE_API_KEY]' -r
complete -c pulse -n "__fish_pulse_using_subcommand console; and __fish_seen_subcommand_from link" -l format -d 'Output format' -r -f -a "table\t''
json\t''"
complete -c pulse -n "__fish_pulse_using_subcommand console; and __fish_seen_subcommand_from link" -l config -d 'Config file (the daemon\'s; the CLI reads it to find a local daemon\'s admin token) [env: PULSE_CONFIG]' -r -F
complete -c pulse -n "__fish_pulse_using_subcommand console; and __fish_seen_subcommand_from link" -l manage -d 'Let the console also add, edit and remove the project\'s endpoints and rotate their secrets (nothing else)'
complete -c pulse -n "__fish_pulse_using_subcommand console; and __fish_seen_subcommand_from link" -l json -d 'Short for --format json'
complete -c pulse -n "__fish_pulse_using_subcommand console; and __fish_seen_subcommand_from link" -s q -l quiet -d 'Print only ids, one per line'
complete -c pulse -n "__fish_pulse_using_subcommand console; and __fish_seen_subcommand_from link" -l no-color -d 'Never use colour (pulse prints none; accepted so scripts can always pass it)'
complete -c pulse -n "__fish_pulse_using_subcommand console; and __fish_seen_subcommand_from link" -s v -l verbose -d 'Say which URL, key and context are used, and where each came from'
complete -c pulse -n "__fish_pulse_using_subcommand console; and __fish_seen_subcommand_from link" -s h -l help -d 'Print help'
complete -c pulse -n "__fish_pulse_using_subcommand console; and __fish_seen_subcommand_from link" -s V -l version -d 'Print version'
complete -c pulse -n "__fish_pulse_using_subcommand console; and __fish_seen_subcommand_from help" -f -a "link" -d 'Print a link that opens the console on one project, for a teammate or a customer'
complete -c pulse -n "__fish_pulse_using_subcommand console; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c pulse -n "__fish_pulse_using_subcommand usage" -l since -d 'From when: a duration back from now (30d) or an RFC 3339 time' -r
complete -c pulse -n "__fish_pulse_using_subcommand usage" -l until -d 'Until when (default now)' -r
complete -c pulse -n "__fish_pulse_using_subcommand usage" -l by -d 'Buckets: day (UTC, default) or hour; or room (by room, per day)' -r -f -a "day\t''
hour\t''
room\t''"
complete -c pulse -n "__fish_pulse_using_subcommand usage" -l project -d 'With the admin token: this project' -r
complete -c pulse -n "__fish_pulse_using_subcommand usage" -l context -d 'Use this saved context [env: PULSE_CONTEXT]' -r
complete -c pulse -n "__fish_pulse_using_subcommand usage" -l url -d 'Control plane URL [env: PULSE_URL] [default: http://127.0.0.1:8081]' -r
complete -c pulse -n "__fish_pulse_using_subcommand usage" -l api-key -d 'Project API key [env: PULSE_API_KEY]' -r
complete -c pulse -n "__fish_pulse_using_subcommand usage" -l format -d 'Output format' -r -f -a "table\t''
json\t''"
complete -c pulse -n "__fish_pulse_using_subcommand usage" -l config -d 'Config file (the daemon\'s; the CLI reads it to find a local daemon\'s admin token) [env: PULSE_CONFIG]' -r -F
complete -c pulse -n "__fish_pulse_using_subcommand usage" -l csv -d 'Comma-separated values for spreadsheets'
complete -c pulse -n "__fish_pulse_using_subcommand usage" -l json -d 'Short for --format json'
complete -c pulse -n "__fish_pulse_using_subcommand usage" -s q -l quiet -d 'Print only ids, one per line'
complete -c pulse -n "__fish_pulse_using_subcommand usage" -l no-color -d 'Never use colour (pulse prints none; accepted so scripts can always pass it)'
complete -c pulse -n "__fish_pulse_using_subcommand usage" -s v -l verbose -d 'Say which URL, key and context are used, and where each came from'
complete -c pulse -n "__fish_pulse_using_subcommand usage" -s h -l help -d 'Print help'
complete -c pulse -n "__fish_pulse_using_subcommand usage" -s V -l version -d 'Print version'
complete -c pulse -n "__fish_pulse_using_subcommand status" -l context -d 'Use this saved context [env: PULSE_CONTEXT]' -r
complete -c pulse -n "__fish_pulse_using_subcommand status" -l url -d 'Control plane URL [env: PULSE_URL] [default: http://127.0.0.1:8081]' -r
complete -c pulse -n "__fish_pulse_using_subcommand status" -l api-key -d 'Project API key [env: PULSE_API_KEY]' -r
complete -c pulse -n "__fish_pulse_using_subcommand status" -l format -d 'Output format' -r -f -a "table\t''
json\t''"
complete -c pulse -n "__fish_pulse_using_subcommand status" -l config -d 'Config file (the daemon\'s; the CLI reads it to find a local daemon\'s admin token) [env: PULSE_CONFIG]' -r -F
complete -c pulse -n "__fish_pulse_using_subcommand status" -l json -d 'Short for --format json'
complete -c pulse -n "__fish_pulse_using_subcommand status" -s q -l quiet -d 'Print only ids, one per line'
complete -c pulse -n "__fish_pulse_using_subcommand status" -l no-color -d 'Never use colour (pulse prints none; accepted so scripts can always pass it)'
complete -c pulse -n "__fish_pulse_using_subcommand status" -s v -l verbose -d 'Say which URL, key and context are used, and where each came from'
complete -c pulse -n "__fish_pulse_using_subcommand status" -s h -l help -d 'Print help'
complete -c pulse -n "__fish_pulse_using_subcommand status" -s V -l version -d 'Print version'
complete -c pulse -n "__fish_pulse_using_subcommand store; and not __fish_seen_subcommand_from copy help" -l context -d 'Use this saved context [env: PULSE_CONTEXT]' -r
complete -c pulse -n "__fish_pulse_using_subcommand store; and not __fish_seen_subcommand_from copy help" -l url -d 'Control plane URL [env: PULSE_URL] [default: http://127.0.0.1:8081]' -r
complete -c pulse -n "__fish_pulse_using_subcommand store; and not __fish_seen_subcommand_from copy help" -l api-key -d 'Project API key [env: PULSE_API_KEY]' -r
complete -c pulse -n "__fish_pulse_using_subcommand store; and not __fish_seen_subcommand_from copy help" -l format -d 'Output format' -r -f -a "table\t''
json\t''"
complete -c pulse -n "__fish_pulse_using_subcommand store; and not __fish_seen_subcommand_from copy help" -l config -d 'Config file (the daemon\'s; the CLI reads it to find a local daemon\'s admin token) [env: PULSE_CONFIG]' -r -F
complete -c pulse -n "__fish_pulse_using_subcommand store; and not __fish_seen_subcommand_from copy help" -l json -d 'Short for --format json'
complete -c pulse -n "__fish_pulse_using_subcommand store; and not __fish_seen_subcommand_from copy help" -s q -l quiet -d 'Print only ids, one per line'
complete -c pulse -n "__fish_pulse_using_subcommand store; and not __fish_seen_subcommand_from copy help" -l no-color -d 'Never use colour (pulse prints none; accepted so scripts can always pass it)'
complete -c pulse -n "__fish_pulse_using_subcommand store; and not __fish_seen_subcommand_from copy help" -s v -l verbose -d 'Say which URL, key and context are used, and where each came from'
complete -c pulse -n "__fish_pulse_using_subcommand store; and not __fish_seen_subcommand_from copy help" -s h -l help -d 'Print help'
complete -c pulse -n "__fish_pulse_using_subcommand store; and not __fish_seen_subcommand_from copy help" -s V -l version -d 'Print version'
complete -c pulse -n "__fish_pulse_using_subcommand store; and not __fish_seen_subcommand_from copy help" -f -a "copy" -d 'Copy every record of one store into another (stop the daemons on both first)'
complete -c pulse -n "__fish_pulse_using_subcommand store; and not __fish_seen_subcommand_from copy help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c pulse -n "__fish_pulse_using_subcommand store; and __fish_seen_subcommand_from copy" -l from -d 'The store to read: a sled data dir, or a postgres:// URL' -r
complete -c pulse -n "__fish_pulse_using_subcommand store; and __fish_seen_subcommand_from copy" -l to -d 'The store to write: a sled data dir, or a postgres:// URL' -r
complete -c pulse -n "__fish_pulse_using_subcommand store; and __fish_seen_subcommand_from copy" -l context -d 'Use this saved context [env: PULSE_CONTEXT]' -r
complete -c pulse -n "__fish_pulse_using_subcommand store; and __fish_seen_subcommand_from copy" -l url -d 'Control plane URL [env: PULSE_URL] [default: http://127.0.0.1:8081]' -r
complete -c pulse -n "__fish_pulse_using_subcommand store; and __fish_seen_subcommand_from copy" -l api-key -d 'Project API key [env: PULSE_API_KEY]' -r
complete -c pulse -n "__fish_pulse_using_subcommand store; and __fish_seen_subcommand_from copy" -l format -d 'Output format' -r -f -a "table\t''
json\t''"
complete -c pulse -n "__fish_pulse_using_subcommand store; and __fish_seen_subcommand_from copy" -l config -d 'Config file (the daemon\'s; the CLI reads it to find a local daemon\'s admin token) [env: PULSE_CONFIG]' -r -F
complete -c pulse -n "__fish_pulse_using_subcommand store; and __fish_seen_subcommand_from copy" -l force -d 'Copy into a store that already holds projects (records there are overwritten)'
complete -c pulse -n "__fish_pulse_using_subcommand store; and __fish_seen_subcommand_from copy" -l json -d 'Short for --format json'
complete -c pulse -n "__fish_pulse_using_subcommand store; and __fish_seen_subcommand_from copy" -s q -l quiet -d 'Print only ids, one per line'
complete -c pulse -n "__fish_pulse_using_subcommand store; and __fish_seen_subcommand_from copy" -l no-color -d 'Never use colour (pulse prints none; accepted so scripts can always pass it)'
complete -c pulse -n "__fish_pulse_using_subcommand store; and __fish_seen_subcommand_from copy" -s v -l verbose -d 'Say which URL, key and context are used, and where each came from'
complete -c pulse -n "__fish_pulse_using_subcommand store; and __fish_seen_subcommand_from copy" -s h -l help -d 'Print help'
complete -c pulse -n "__fish_pulse_using_subcommand store; and __fish_seen_subcommand_from copy" -s V -l version -d 'Print version'
complete -c pulse -n "__fish_pulse_using_subcommand store; and __fish_seen_subcommand_from help" -f -a "copy" -d 'Copy every record of one store into another (stop the daemons on both first)'
complete -c pulse -n "__fish_pulse_using_subcommand store; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c pulse -n "__fish_pulse_using_subcommand daemon" -l listen -d 'Listen address [default: 127.0.0.1:8081]' -r
complete -c pulse -n "__fish_pulse_using_subcommand daemon" -l data-dir -d 'Data directory [default: $STATE_DIRECTORY, else the platform data dir]' -r -F
complete -c pulse -n "__fish_pulse_using_subcommand daemon" -l log-format -d 'Log format: pretty or json' -r -f -a "pretty\t''
json\t''"
complete -c pulse -n "__fish_pulse_using_subcommand daemon" -l context -d 'Use this saved context [env: PULSE_CONTEXT]' -r
complete -c pulse -n "__fish_pulse_using_subcommand daemon" -l url -d 'Control plane URL [env: PULSE_URL] [default: http://127.0.0.1:8081]' -r
complete -c pulse -n "__fish_pulse_using_subcommand daemon" -l api-key -d 'Project API key [env: PULSE_API_KEY]' -r
complete -c pulse -n "__fish_pulse_using_subcommand daemon" -l format -d 'Output format' -r -f -a "table\t''
json\t''"
complete -c pulse -n "__fish_pulse_using_subcommand daemon" -l config -d 'Config file (the daemon\'s; the CLI reads it to find a local daemon\'s admin token) [env: PULSE_CONFIG]' -r -F
complete -c pulse -n "__fish_pulse_using_subcommand daemon" -l check-config -d 'Validate the configuration and exit'
complete -c pulse -n "__fish_pulse_using_subcommand daemon" -l json -d 'Short for --format json'
complete -c pulse -n "__fish_pulse_using_subcommand daemon" -s q -l quiet -d 'Print only ids, one per line'
complete -c pulse -n "__fish_pulse_using_subcommand daemon" -l no-color -d 'Never use colour (pulse prints none; accepted so scripts can always pass it)'
complete -c pulse -n "__fish_pulse_using_subcommand daemon" -s v -l verbose -d 'Say which URL, key and context are used, and where each came from'
complete -c pulse -n "__fish_pulse_using_subcommand daemon" -s h -l help -d 'Print help'
complete -c pulse -n "__fish_pulse_using_subcommand daemon" -s V -l version -d 'Print version'
complete -c pulse -n "__fish_pulse_using_subcommand completions" -l context -d 'Use this saved context [env: PULSE_CONTEXT]' -r
complete -c pulse -n "__fish_pulse_using_subcommand completions" -l url -d 'Control plane URL [env: PULSE_URL] [default: http://127.0.0.1:8081]' -r
complete -c pulse -n "__fish_pulse_using_subcommand completions" -l api-key -d 'Project API key [env: PULSE_API_KEY]' -r
complete -c pulse -n "__fish_pulse_using_subcommand completions" -l format -d 'Output format' -r -f -a "table\t''
json\t''"
complete -c pulse -n "__fish_pulse_using_subcommand completions" -l config -d 'Config file (the daemon\'s; the CLI reads it to find a local daemon\'s admin token) [env: PULSE_CONFIG]' -r -F
complete -c pulse -n "__fish_pulse_using_subcommand completions" -l json -d 'Short for --format json'
complete -c pulse -n "__fish_pulse_using_subcommand completions" -s q -l quiet -d 'Print only ids, one per line'
complete -c pulse -n "__fish_pulse_using_subcommand completions" -l no-color -d 'Never use colour (pulse prints none; accepted so scripts can always pass it)'
complete -c pulse -n "__fish_pulse_using_subcommand completions" -s v -l verbose -d 'Say which URL, key and context are used, and where each came from'
complete -c pulse -n "__fish_pulse_using_subcommand completions" -s h -l help -d 'Print help'
complete -c pulse -n "__fish_pulse_using_subcommand completions" -s V -l version -d 'Print version'
complete -c pulse -n "__fish_pulse_using_subcommand help; and not __fish_seen_subcommand_from egress rules ingress projects context token webhooks console usage status store daemon completions help" -f -a "egress" -d 'Record and restream rooms: start, stop, get, list'
complete -c pulse -n "__fish_pulse_using_subcommand help; and not __fish_seen_subcommand_from egress rules ingress projects context token webhooks console usage status store daemon completions help" -f -a "rules" -d 'Record rooms automatically: add, list, get, remove recording rules'
complete -c pulse -n "__fish_pulse_using_subcommand help; and not __fish_seen_subcommand_from egress rules ingress projects context token webhooks console usage status store daemon completions help" -f -a "ingress" -d 'Let encoders publish into rooms (RTMP, WHIP, URL pull)'
complete -c pulse -n "__fish_pulse_using_subcommand help; and not __fish_seen_subcommand_from egress rules ingress projects context token webhooks console usage status store daemon completions help" -f -a "projects" -d 'Manage projects (admin)'
complete -c pulse -n "__fish_pulse_using_subcommand help; and not __fish_seen_subcommand_from egress rules ingress projects context token webhooks console usage status store daemon completions help" -f -a "context" -d 'Saved control planes and keys'
complete -c pulse -n "__fish_pulse_using_subcommand help; and not __fish_seen_subcommand_from egress rules ingress projects context token webhooks console usage status store daemon completions help" -f -a "token" -d 'Room join tokens'
complete -c pulse -n "__fish_pulse_using_subcommand help; and not __fish_seen_subcommand_from egress rules ingress projects context token webhooks console usage status store daemon completions help" -f -a "webhooks" -d 'Webhook deliveries, endpoints, replay, listen and verify'
complete -c pulse -n "__fish_pulse_using_subcommand help; and not __fish_seen_subcommand_from egress rules ingress projects context token webhooks console usage status store daemon completions help" -f -a "console" -d 'The browser console: links that open it on one project'
complete -c pulse -n "__fish_pulse_using_subcommand help; and not __fish_seen_subcommand_from egress rules ingress projects context token webhooks console usage status store daemon completions help" -f -a "usage" -d 'Usage: participant and egress minutes, recording bytes, deliveries, by day, hour or room'
complete -c pulse -n "__fish_pulse_using_subcommand help; and not __fish_seen_subcommand_from egress rules ingress projects context token webhooks console usage status store daemon completions help" -f -a "status" -d 'Control plane and LiveKit health'
complete -c pulse -n "__fish_pulse_using_subcommand help; and not __fish_seen_subcommand_from egress rules ingress projects context token webhooks console usage status store daemon completions help" -f -a "store" -d 'Work on a store directly: copy one into another (sled ⇄ PostgreSQL)'
complete -c pulse -n "__fish_pulse_using_subcommand help; and not __fish_seen_subcommand_from egress rules ingress projects context token webhooks console usage status store daemon completions help" -f -a "daemon" -d 'Run the control plane'
complete -c pulse -n "__fish_pulse_using_subcommand help; and not __fish_seen_subcommand_from egress rules ingress projects context token webhooks console usage status store daemon completions help" -f -a "completions" -d 'Print shell completions'
complete -c pulse -n "__fish_pulse_using_subcommand help; and not __fish_seen_subcommand_from egress rules ingress projects context token webhooks console usage status store daemon completions help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c pulse -n "__fish_pulse_using_subcommand help; and __fish_seen_subcommand_from egress" -f -a "start" -d 'Start recording or restreaming a room or track'
complete -c pulse -n "__fish_pulse_using_subcommand help; and __fish_seen_subcommand_from egress" -f -a "stop" -d 'Stop one or more egress'
complete -c pulse -n "__fish_pulse_using_subcommand help; and __fish_seen_subcommand_from egress" -f -a "update" -d 'Add or remove RTMP targets of a live rtmp egress (LiveKit\'s UpdateStream)'
complete -c pulse -n "__fish_pulse_using_subcommand help; and __fish_seen_subcommand_from egress" -f -a "get" -d 'Show one egress'
complete -c pulse -n "__fish_pulse_using_subcommand help; and __fish_seen_subcommand_from egress" -f -a "list" -d 'List egress, newest first'
complete -c pulse -n "__fish_pulse_using_subcommand help; and __fish_seen_subcommand_from rules" -f -a "add" -d 'Start an egress in every matching room, once per room session'
complete -c pulse -n "__fish_pulse_using_subcommand help; and __fish_seen_subcommand_from rules" -f -a "list" -d 'List the project\'s rules, newest first'
complete -c pulse -n "__fish_pulse_using_subcommand help; and __fish_seen_subcommand_from rules" -f -a "get" -d 'Show one rule'
complete -c pulse -n "__fish_pulse_using_subcommand help; and __fish_seen_subcommand_from rules" -f -a "remove" -d 'Remove one or more rules (egress they started keep running until their rooms finish)'
complete -c pulse -n "__fish_pulse_using_subcommand help; and __fish_seen_subcommand_from ingress" -f -a "create" -d 'Create an ingress; the stream key is shown this once'
complete -c pulse -n "__fish_pulse_using_subcommand help; and __fish_seen_subcommand_from ingress" -f -a "get" -d 'Show one ingress (key masked)'
complete -c pulse -n "__fish_pulse_using_subcommand help; and __fish_seen_subcommand_from ingress" -f -a "list" -d 'List ingress, newest first'
complete -c pulse -n "__fish_pulse_using_subcommand help; and __fish_seen_subcommand_from ingress" -f -a "delete" -d 'Delete one or more ingress (the records are kept as `deleted`)'
complete -c pulse -n "__fish_pulse_using_subcommand help; and __fish_seen_subcommand_from projects" -f -a "create" -d 'Create a project; its API key is shown this once'
complete -c pulse -n "__fish_pulse_using_subcommand help; and __fish_seen_subcommand_from projects" -f -a "list" -d 'List projects'
complete -c pulse -n "__fish_pulse_using_subcommand help; and __fish_seen_subcommand_from projects" -f -a "get" -d 'Show one project'
complete -c pulse -n "__fish_pulse_using_subcommand help; and __fish_seen_subcommand_from projects" -f -a "rotate-key" -d 'Replace a project\'s API key; the old one stops working at once'
complete -c pulse -n "__fish_pulse_using_subcommand help; and __fish_seen_subcommand_from projects" -f -a "limits" -d 'A project\'s limits: over a hard one egress starts and ingress creates are refused'
complete -c pulse -n "__fish_pulse_using_subcommand help; and __fish_seen_subcommand_from projects" -f -a "delete" -d 'Delete a project and everything it owns'
complete -c pulse -n "__fish_pulse_using_subcommand help; and __fish_seen_subcommand_from context" -f -a "add" -d 'Save a control plane and key under a name'
complete -c pulse -n "__fish_pulse_using_subcommand help; and __fish_seen_subcommand_from context" -f -a "list" -d 'List saved contexts'
complete -c pulse -n "__fish_pulse_using_subcommand help; and __fish_seen_subcommand_from context" -f -a "use" -d 'Make a context the current one'
complete -c pulse -n "__fish_pulse_using_subcommand help; and __fish_seen_subcommand_from context" -f -a "remove" -d 'Forget a context'
complete -c pulse -n "__fish_pulse_using_subcommand help; and __fish_seen_subcommand_from context" -f -a "show" -d 'Show what commands will use, and where each value comes from'
complete -c pulse -n "__fish_pulse_using_subcommand help; and __fish_seen_subcommand_from token" -f -a "create" -d 'Create a join token (with -q, only the token is printed)'
complete -c pulse -n "__fish_pulse_using_subcommand help; and __fish_seen_subcommand_from webhooks" -f -a "logs" -d 'List deliveries (one event × one endpoint), newest first'
complete -c pulse -n "__fish_pulse_using_subcommand help; and __fish_seen_subcommand_from webhooks" -f -a "show" -d 'Show one delivery with its payload and every attempt'
complete -c pulse -n "__fish_pulse_using_subcommand help; and __fish_seen_subcommand_from webhooks" -f -a "replay" -d 'Send a delivery again now, or every delivery matching filters'
complete -c pulse -n "__fish_pulse_using_subcommand help; and __fish_seen_subcommand_from webhooks" -f -a "endpoints" -d 'Manage webhook endpoints'
complete -c pulse -n "__fish_pulse_using_subcommand help; and __fish_seen_subcommand_from webhooks" -f -a "test" -d 'Send a sample event to the project\'s endpoints'
complete -c pulse -n "__fish_pulse_using_subcommand help; and __fish_seen_subcommand_from webhooks" -f -a "listen" -d 'Forward the project\'s events, as they happen, to a local URL'
complete -c pulse -n "__fish_pulse_using_subcommand help; and __fish_seen_subcommand_from webhooks" -f -a "verify" -d 'Check a captured delivery\'s signature: headers from --header, body from stdin'
complete -c pulse -n "__fish_pulse_using_subcommand help; and __fish_seen_subcommand_from console" -f -a "link" -d 'Print a link that opens the console on one project, for a teammate or a customer'
complete -c pulse -n "__fish_pulse_using_subcommand help; and __fish_seen_subcommand_from store" -f -a "copy" -d 'Copy every record of one store into another (stop the daemons on both first)'
