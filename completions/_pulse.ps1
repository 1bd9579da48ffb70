
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'pulse' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'pulse'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'pulse' {
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Use this saved context [env: PULSE_CONTEXT]')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Control plane URL [env: PULSE_URL] [default: http://127.0.0.1:8081]')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'Project API key [env: PULSE_API_KEY]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (the daemon''s; the CLI reads it to find a local daemon''s admin token) [env: PULSE_CONFIG]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Short for --format json')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (pulse prints none; accepted so scripts can always pass it)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say which URL, key and context are used, and where each came from')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say which URL, key and context are used, and where each came from')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('egress', 'egress', [CompletionResultType]::ParameterValue, 'Record and restream rooms: start, stop, get, list')
            [CompletionResult]::new('rules', 'rules', [CompletionResultType]::ParameterValue, 'Record rooms automatically: add, list, get, remove recording rules')
            [CompletionResult]::new('ingress', 'ingress', [CompletionResultType]::ParameterValue, 'Let encoders publish into rooms (RTMP, WHIP, URL pull)')
            [CompletionResult]::new('projects', 'projects', [CompletionResultType]::ParameterValue, 'Manage projects (admin)')
            [CompletionResult]::new('context', 'context', [CompletionResultType]::ParameterValue, 'Saved control planes and keys')
            [CompletionResult]::new('token', 'token', [CompletionResultType]::ParameterValue, 'Room join tokens')
            [CompletionResult]::new('webhooks', 'webhooks', [CompletionResultType]::ParameterValue, 'Webhook deliveries, endpoints, replay, listen and verify')
            [CompletionResult]::new('console', 'console', [CompletionResultType]::ParameterValue, 'The browser console: links that open it on one project')
            [CompletionResult]::new('usage', 'usage', [CompletionResultType]::ParameterValue, 'Usage: participant and egress minutes, recording bytes, deliveries, by day, hour or room')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Control plane and LiveKit health')
            [CompletionResult]::new('store', 'store', [CompletionResultType]::ParameterValue, 'Work on a store directly: copy one into another (sled ⇄ PostgreSQL)')
            [CompletionResult]::new('daemon', 'daemon', [CompletionResultType]::ParameterValue, 'Run the control plane')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print shell completions')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'pulse;egress' {
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Use this saved context [env: PULSE_CONTEXT]')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Control plane URL [env: PULSE_URL] [default: http://127.0.0.1:8081]')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'Project API key [env: PULSE_API_KEY]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (the daemon''s; the CLI reads it to find a local daemon''s admin token) [env: PULSE_CONFIG]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Short for --format json')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (pulse prints none; accepted so scripts can always pass it)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say which URL, key and context are used, and where each came from')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say which URL, key and context are used, and where each came from')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('start', 'start', [CompletionResultType]::ParameterValue, 'Start recording or restreaming a room or track')
            [CompletionResult]::new('stop', 'stop', [CompletionResultType]::ParameterValue, 'Stop one or more egress')
            [CompletionResult]::new('update', 'update', [CompletionResultType]::ParameterValue, 'Add or remove RTMP targets of a live rtmp egress (LiveKit''s UpdateStream)')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Show one egress')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List egress, newest first')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'pulse;egress;start' {
            [CompletionResult]::new('--room', '--room', [CompletionResultType]::ParameterName, 'Room to record')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'hls, rtmp, file or images; several in one egress as a list or repeated (`--output hls,file,rtmp`), sent as one LiveKit request')
            [CompletionResult]::new('--image-every', '--image-every', [CompletionResultType]::ParameterName, 'Image snapshots (images output): one every DURATION, e.g. 10s (default 10s)')
            [CompletionResult]::new('--image-size', '--image-size', [CompletionResultType]::ParameterName, 'Image snapshots'' size, WIDTHxHEIGHT (default 1280x720)')
            [CompletionResult]::new('--type', '--type', [CompletionResultType]::ParameterName, 'room_composite (default), track_composite or track')
            [CompletionResult]::new('--layout', '--layout', [CompletionResultType]::ParameterName, 'speaker (default), grid or single (room_composite only)')
            [CompletionResult]::new('--filename', '--filename', [CompletionResultType]::ParameterName, 'Output name: [A-Za-z0-9._-], default <room>-<UTC yyyymmdd-hhmmss>-<6 of the egress id>')
            [CompletionResult]::new('--rtmp-url', '--rtmp-url', [CompletionResultType]::ParameterName, 'RTMP destination (repeat for several, up to 10)')
            [CompletionResult]::new('--audio-track', '--audio-track', [CompletionResultType]::ParameterName, 'Audio track (track_composite)')
            [CompletionResult]::new('--video-track', '--video-track', [CompletionResultType]::ParameterName, 'Video track (track_composite)')
            [CompletionResult]::new('--track', '--track', [CompletionResultType]::ParameterName, 'Track (track egress)')
            [CompletionResult]::new('--preset', '--preset', [CompletionResultType]::ParameterName, 'Encoding preset, e.g. H264_1080P_30')
            [CompletionResult]::new('--start-attempts', '--start-attempts', [CompletionResultType]::ParameterName, 'Tries of the start when LiveKit fails in a way that may pass, 1 to 20 (default 5; 1: fail at once); retried by the control plane, across its restarts')
            [CompletionResult]::new('--max-duration', '--max-duration', [CompletionResultType]::ParameterName, 'Stop it this long after it became active, e.g. 90m or 4h (1 s to 7 days)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long --wait waits')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Use this saved context [env: PULSE_CONTEXT]')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Control plane URL [env: PULSE_URL] [default: http://127.0.0.1:8081]')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'Project API key [env: PULSE_API_KEY]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (the daemon''s; the CLI reads it to find a local daemon''s admin token) [env: PULSE_CONFIG]')
            [CompletionResult]::new('--audio-only', '--audio-only', [CompletionResultType]::ParameterName, 'Record audio only (room_composite)')
            [CompletionResult]::new('--video-only', '--video-only', [CompletionResultType]::ParameterName, 'Record video only (room_composite)')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'Wait until the egress is active (or has ended or failed)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Short for --format json')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (pulse prints none; accepted so scripts can always pass it)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say which URL, key and context are used, and where each came from')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say which URL, key and context are used, and where each came from')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pulse;egress;stop' {
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'How long --wait waits')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Use this saved context [env: PULSE_CONTEXT]')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Control plane URL [env: PULSE_URL] [default: http://127.0.0.1:8081]')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'Project API key [env: PULSE_API_KEY]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (the daemon''s; the CLI reads it to find a local daemon''s admin token) [env: PULSE_CONFIG]')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'Wait until each has ended')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Short for --format json')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (pulse prints none; accepted so scripts can always pass it)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say which URL, key and context are used, and where each came from')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say which URL, key and context are used, and where each came from')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pulse;egress;update' {
            [CompletionResult]::new('--add-rtmp', '--add-rtmp', [CompletionResultType]::ParameterName, 'An rtmp:// or rtmps:// URL to start sending to (repeatable)')
            [CompletionResult]::new('--remove-rtmp', '--remove-rtmp', [CompletionResultType]::ParameterName, 'A target to stop sending to, as it was given, stream key and all (repeatable)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Use this saved context [env: PULSE_CONTEXT]')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Control plane URL [env: PULSE_URL] [default: http://127.0.0.1:8081]')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'Project API key [env: PULSE_API_KEY]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (the daemon''s; the CLI reads it to find a local daemon''s admin token) [env: PULSE_CONFIG]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Short for --format json')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (pulse prints none; accepted so scripts can always pass it)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say which URL, key and context are used, and where each came from')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say which URL, key and context are used, and where each came from')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pulse;egress;get' {
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Use this saved context [env: PULSE_CONTEXT]')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Control plane URL [env: PULSE_URL] [default: http://127.0.0.1:8081]')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'Project API key [env: PULSE_API_KEY]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (the daemon''s; the CLI reads it to find a local daemon''s admin token) [env: PULSE_CONFIG]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Short for --format json')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (pulse prints none; accepted so scripts can always pass it)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say which URL, key and context are used, and where each came from')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say which URL, key and context are used, and where each came from')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pulse;egress;list' {
            [CompletionResult]::new('--status', '--status', [CompletionResultType]::ParameterName, 'Only this status: pending, active, stopping, ended, failed')
            [CompletionResult]::new('--room', '--room', [CompletionResultType]::ParameterName, 'Only this room')
            [CompletionResult]::new('--page', '--page', [CompletionResultType]::ParameterName, 'Page, from 1')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Items per page, 1–100')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Use this saved context [env: PULSE_CONTEXT]')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Control plane URL [env: PULSE_URL] [default: http://127.0.0.1:8081]')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'Project API key [env: PULSE_API_KEY]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (the daemon''s; the CLI reads it to find a local daemon''s admin token) [env: PULSE_CONFIG]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Short for --format json')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (pulse prints none; accepted so scripts can always pass it)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say which URL, key and context are used, and where each came from')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say which URL, key and context are used, and where each came from')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pulse;egress;help' {
            [CompletionResult]::new('start', 'start', [CompletionResultType]::ParameterValue, 'Start recording or restreaming a room or track')
            [CompletionResult]::new('stop', 'stop', [CompletionResultType]::ParameterValue, 'Stop one or more egress')
            [CompletionResult]::new('update', 'update', [CompletionResultType]::ParameterValue, 'Add or remove RTMP targets of a live rtmp egress (LiveKit''s UpdateStream)')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Show one egress')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List egress, newest first')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'pulse;egress;help;start' {
            break
        }
        'pulse;egress;help;stop' {
            break
        }
        'pulse;egress;help;update' {
            break
        }
        'pulse;egress;help;get' {
            break
        }
        'pulse;egress;help;list' {
            break
        }
        'pulse;egress;help;help' {
            break
        }
        'pulse;rules' {
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Use this saved context [env: PULSE_CONTEXT]')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Control plane URL [env: PULSE_URL] [default: http://127.0.0.1:8081]')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'Project API key [env: PULSE_API_KEY]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (the daemon''s; the CLI reads it to find a local daemon''s admin token) [env: PULSE_CONFIG]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Short for --format json')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (pulse prints none; accepted so scripts can always pass it)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say which URL, key and context are used, and where each came from')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say which URL, key and context are used, and where each came from')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Start an egress in every matching room, once per room session')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the project''s rules, newest first')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Show one rule')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove one or more rules (egress they started keep running until their rooms finish)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'pulse;rules;add' {
            [CompletionResult]::new('--rooms', '--rooms', [CompletionResultType]::ParameterName, 'Rooms to record: a glob on room names, e.g. "live-*"')
            [CompletionResult]::new('--room', '--room', [CompletionResultType]::ParameterName, 'Rooms to record: a glob on room names, e.g. "live-*"')
            [CompletionResult]::new('--on', '--on', [CompletionResultType]::ParameterName, 'When to start: when the room starts, or when its first track is published')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'hls, rtmp, file or images; several in one egress as a list or repeated (`--output hls,file,rtmp`), sent as one LiveKit request')
            [CompletionResult]::new('--image-every', '--image-every', [CompletionResultType]::ParameterName, 'Image snapshots (images output): one every DURATION, e.g. 10s (default 10s)')
            [CompletionResult]::new('--image-size', '--image-size', [CompletionResultType]::ParameterName, 'Image snapshots'' size, WIDTHxHEIGHT (default 1280x720)')
            [CompletionResult]::new('--type', '--type', [CompletionResultType]::ParameterName, 'room_composite (default), track_composite or track')
            [CompletionResult]::new('--layout', '--layout', [CompletionResultType]::ParameterName, 'speaker (default), grid or single (room_composite only)')
            [CompletionResult]::new('--filename', '--filename', [CompletionResultType]::ParameterName, 'Output name: [A-Za-z0-9._-], default <room>-<UTC yyyymmdd-hhmmss>-<6 of the egress id>')
            [CompletionResult]::new('--rtmp-url', '--rtmp-url', [CompletionResultType]::ParameterName, 'RTMP destination (repeat for several, up to 10)')
            [CompletionResult]::new('--audio-track', '--audio-track', [CompletionResultType]::ParameterName, 'Audio track (track_composite)')
            [CompletionResult]::new('--video-track', '--video-track', [CompletionResultType]::ParameterName, 'Video track (track_composite)')
            [CompletionResult]::new('--track', '--track', [CompletionResultType]::ParameterName, 'Track (track egress)')
            [CompletionResult]::new('--preset', '--preset', [CompletionResultType]::ParameterName, 'Encoding preset, e.g. H264_1080P_30')
            [CompletionResult]::new('--start-attempts', '--start-attempts', [CompletionResultType]::ParameterName, 'Tries of the start when LiveKit fails in a way that may pass, 1 to 20 (default 5; 1: fail at once); retried by the control plane, across its restarts')
            [CompletionResult]::new('--max-duration', '--max-duration', [CompletionResultType]::ParameterName, 'Stop it this long after it became active, e.g. 90m or 4h (1 s to 7 days)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Use this saved context [env: PULSE_CONTEXT]')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Control plane URL [env: PULSE_URL] [default: http://127.0.0.1:8081]')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'Project API key [env: PULSE_API_KEY]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (the daemon''s; the CLI reads it to find a local daemon''s admin token) [env: PULSE_CONFIG]')
            [CompletionResult]::new('--audio-only', '--audio-only', [CompletionResultType]::ParameterName, 'Record audio only (room_composite)')
            [CompletionResult]::new('--video-only', '--video-only', [CompletionResultType]::ParameterName, 'Record video only (room_composite)')
            [CompletionResult]::new('--disabled', '--disabled', [CompletionResultType]::ParameterName, 'Create it disabled')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Short for --format json')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (pulse prints none; accepted so scripts can always pass it)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say which URL, key and context are used, and where each came from')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say which URL, key and context are used, and where each came from')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pulse;rules;list' {
            [CompletionResult]::new('--page', '--page', [CompletionResultType]::ParameterName, 'Page, from 1')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Items per page, 1–100')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Use this saved context [env: PULSE_CONTEXT]')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Control plane URL [env: PULSE_URL] [default: http://127.0.0.1:8081]')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'Project API key [env: PULSE_API_KEY]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (the daemon''s; the CLI reads it to find a local daemon''s admin token) [env: PULSE_CONFIG]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Short for --format json')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (pulse prints none; accepted so scripts can always pass it)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say which URL, key and context are used, and where each came from')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say which URL, key and context are used, and where each came from')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pulse;rules;get' {
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Use this saved context [env: PULSE_CONTEXT]')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Control plane URL [env: PULSE_URL] [default: http://127.0.0.1:8081]')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'Project API key [env: PULSE_API_KEY]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (the daemon''s; the CLI reads it to find a local daemon''s admin token) [env: PULSE_CONFIG]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Short for --format json')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (pulse prints none; accepted so scripts can always pass it)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say which URL, key and context are used, and where each came from')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say which URL, key and context are used, and where each came from')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pulse;rules;remove' {
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Use this saved context [env: PULSE_CONTEXT]')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Control plane URL [env: PULSE_URL] [default: http://127.0.0.1:8081]')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'Project API key [env: PULSE_API_KEY]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (the daemon''s; the CLI reads it to find a local daemon''s admin token) [env: PULSE_CONFIG]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Short for --format json')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (pulse prints none; accepted so scripts can always pass it)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say which URL, key and context are used, and where each came from')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say which URL, key and context are used, and where each came from')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pulse;rules;help' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Start an egress in every matching room, once per room session')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the project''s rules, newest first')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Show one rule')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove one or more rules (egress they started keep running until their rooms finish)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'pulse;rules;help;add' {
            break
        }
        'pulse;rules;help;list' {
            break
        }
        'pulse;rules;help;get' {
            break
        }
        'pulse;rules;help;remove' {
            break
        }
        'pulse;rules;help;help' {
            break
        }
        'pulse;ingress' {
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Use this saved context [env: PULSE_CONTEXT]')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Control plane URL [env: PULSE_URL] [default: http://127.0.0.1:8081]')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'Project API key [env: PULSE_API_KEY]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (the daemon''s; the CLI reads it to find a local daemon''s admin token) [env: PULSE_CONFIG]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Short for --format json')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (pulse prints none; accepted so scripts can always pass it)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say which URL, key and context are used, and where each came from')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say which URL, key and context are used, and where each came from')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create an ingress; the stream key is shown this once')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Show one ingress (key masked)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List ingress, newest first')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete one or more ingress (the records are kept as `deleted`)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'pulse;ingress;create' {
            [CompletionResult]::new('--room', '--room', [CompletionResultType]::ParameterName, 'Room to publish into')
            [CompletionResult]::new('--type', '--type', [CompletionResultType]::ParameterName, 'rtmp, whip or url (pull)')
            [CompletionResult]::new('--participant', '--participant', [CompletionResultType]::ParameterName, 'Participant name the stream appears as')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Participant identity (default: the name)')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'URL to pull from (--type url): http(s):// or srt://. Here --url is this, not the control plane''s URL: give that with PULSE_URL or a context')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'A name for the ingress')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Use this saved context [env: PULSE_CONTEXT]')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'Project API key [env: PULSE_API_KEY]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (the daemon''s; the CLI reads it to find a local daemon''s admin token) [env: PULSE_CONFIG]')
            [CompletionResult]::new('--no-audio', '--no-audio', [CompletionResultType]::ParameterName, 'Mute the stream''s audio in the room')
            [CompletionResult]::new('--no-video', '--no-video', [CompletionResultType]::ParameterName, 'Mute the stream''s video in the room')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Short for --format json')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (pulse prints none; accepted so scripts can always pass it)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say which URL, key and context are used, and where each came from')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say which URL, key and context are used, and where each came from')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pulse;ingress;get' {
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Use this saved context [env: PULSE_CONTEXT]')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Control plane URL [env: PULSE_URL] [default: http://127.0.0.1:8081]')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'Project API key [env: PULSE_API_KEY]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (the daemon''s; the CLI reads it to find a local daemon''s admin token) [env: PULSE_CONFIG]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Short for --format json')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (pulse prints none; accepted so scripts can always pass it)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say which URL, key and context are used, and where each came from')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say which URL, key and context are used, and where each came from')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pulse;ingress;list' {
            [CompletionResult]::new('--room', '--room', [CompletionResultType]::ParameterName, 'Only this room')
            [CompletionResult]::new('--page', '--page', [CompletionResultType]::ParameterName, 'Page, from 1')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Items per page, 1–100')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Use this saved context [env: PULSE_CONTEXT]')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Control plane URL [env: PULSE_URL] [default: http://127.0.0.1:8081]')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'Project API key [env: PULSE_API_KEY]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (the daemon''s; the CLI reads it to find a local daemon''s admin token) [env: PULSE_CONFIG]')
            [CompletionResult]::new('--include-deleted', '--include-deleted', [CompletionResultType]::ParameterName, 'Include deleted ingress')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Short for --format json')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (pulse prints none; accepted so scripts can always pass it)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say which URL, key and context are used, and where each came from')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say which URL, key and context are used, and where each came from')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pulse;ingress;delete' {
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Use this saved context [env: PULSE_CONTEXT]')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Control plane URL [env: PULSE_URL] [default: http://127.0.0.1:8081]')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'Project API key [env: PULSE_API_KEY]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (the daemon''s; the CLI reads it to find a local daemon''s admin token) [env: PULSE_CONFIG]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Short for --format json')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (pulse prints none; accepted so scripts can always pass it)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say which URL, key and context are used, and where each came from')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say which URL, key and context are used, and where each came from')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pulse;ingress;help' {
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create an ingress; the stream key is shown this once')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Show one ingress (key masked)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List ingress, newest first')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete one or more ingress (the records are kept as `deleted`)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'pulse;ingress;help;create' {
            break
        }
        'pulse;ingress;help;get' {
            break
        }
        'pulse;ingress;help;list' {
            break
        }
        'pulse;ingress;help;delete' {
            break
        }
        'pulse;ingress;help;help' {
            break
        }
        'pulse;projects' {
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Use this saved context [env: PULSE_CONTEXT]')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Control plane URL [env: PULSE_URL] [default: http://127.0.0.1:8081]')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'Project API key [env: PULSE_API_KEY]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (the daemon''s; the CLI reads it to find a local daemon''s admin token) [env: PULSE_CONFIG]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Short for --format json')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (pulse prints none; accepted so scripts can always pass it)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say which URL, key and context are used, and where each came from')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say which URL, key and context are used, and where each came from')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create a project; its API key is shown this once')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List projects')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Show one project')
            [CompletionResult]::new('rotate-key', 'rotate-key', [CompletionResultType]::ParameterValue, 'Replace a project''s API key; the old one stops working at once')
            [CompletionResult]::new('limits', 'limits', [CompletionResultType]::ParameterValue, 'A project''s limits: over a hard one egress starts and ingress creates are refused')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete a project and everything it owns')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'pulse;projects;create' {
            [CompletionResult]::new('--webhook-url', '--webhook-url', [CompletionResultType]::ParameterName, 'Also create a webhook endpoint for every event (its secret is shown once)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Use this saved context [env: PULSE_CONTEXT]')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Control plane URL [env: PULSE_URL] [default: http://127.0.0.1:8081]')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'Project API key [env: PULSE_API_KEY]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (the daemon''s; the CLI reads it to find a local daemon''s admin token) [env: PULSE_CONFIG]')
            [CompletionResult]::new('--save-context', '--save-context', [CompletionResultType]::ParameterName, 'Save a context named after the project with its URL and key')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Short for --format json')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (pulse prints none; accepted so scripts can always pass it)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say which URL, key and context are used, and where each came from')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say which URL, key and context are used, and where each came from')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pulse;projects;list' {
            [CompletionResult]::new('--page', '--page', [CompletionResultType]::ParameterName, 'Page, from 1')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Items per page, 1–100')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Use this saved context [env: PULSE_CONTEXT]')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Control plane URL [env: PULSE_URL] [default: http://127.0.0.1:8081]')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'Project API key [env: PULSE_API_KEY]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (the daemon''s; the CLI reads it to find a local daemon''s admin token) [env: PULSE_CONFIG]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Short for --format json')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (pulse prints none; accepted so scripts can always pass it)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say which URL, key and context are used, and where each came from')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say which URL, key and context are used, and where each came from')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pulse;projects;get' {
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Use this saved context [env: PULSE_CONTEXT]')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Control plane URL [env: PULSE_URL] [default: http://127.0.0.1:8081]')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'Project API key [env: PULSE_API_KEY]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (the daemon''s; the CLI reads it to find a local daemon''s admin token) [env: PULSE_CONFIG]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Short for --format json')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (pulse prints none; accepted so scripts can always pass it)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say which URL, key and context are used, and where each came from')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say which URL, key and context are used, and where each came from')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pulse;projects;rotate-key' {
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Use this saved context [env: PULSE_CONTEXT]')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Control plane URL [env: PULSE_URL] [default: http://127.0.0.1:8081]')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'Project API key [env: PULSE_API_KEY]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (the daemon''s; the CLI reads it to find a local daemon''s admin token) [env: PULSE_CONFIG]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Short for --format json')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (pulse prints none; accepted so scripts can always pass it)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say which URL, key and context are used, and where each came from')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say which URL, key and context are used, and where each came from')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pulse;projects;limits' {
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Use this saved context [env: PULSE_CONTEXT]')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Control plane URL [env: PULSE_URL] [default: http://127.0.0.1:8081]')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'Project API key [env: PULSE_API_KEY]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (the daemon''s; the CLI reads it to find a local daemon''s admin token) [env: PULSE_CONFIG]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Short for --format json')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (pulse prints none; accepted so scripts can always pass it)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say which URL, key and context are used, and where each came from')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say which URL, key and context are used, and where each came from')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Set limits (the ones not named stay; 0 removes one)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'pulse;projects;limits;set' {
            [CompletionResult]::new('--egress-minutes', '--egress-minutes', [CompletionResultType]::ParameterName, 'Egress minutes per UTC month, e.g. 6000/month')
            [CompletionResult]::new('--participant-minutes', '--participant-minutes', [CompletionResultType]::ParameterName, 'Participant minutes per UTC month')
            [CompletionResult]::new('--concurrent-egress', '--concurrent-egress', [CompletionResultType]::ParameterName, 'Egress running at once')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Use this saved context [env: PULSE_CONTEXT]')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Control plane URL [env: PULSE_URL] [default: http://127.0.0.1:8081]')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'Project API key [env: PULSE_API_KEY]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (the daemon''s; the CLI reads it to find a local daemon''s admin token) [env: PULSE_CONFIG]')
            [CompletionResult]::new('--soft', '--soft', [CompletionResultType]::ParameterName, 'Only warn when a limit is reached')
            [CompletionResult]::new('--hard', '--hard', [CompletionResultType]::ParameterName, 'Refuse when a limit is reached (the default)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Short for --format json')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (pulse prints none; accepted so scripts can always pass it)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say which URL, key and context are used, and where each came from')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say which URL, key and context are used, and where each came from')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pulse;projects;limits;help' {
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Set limits (the ones not named stay; 0 removes one)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'pulse;projects;limits;help;set' {
            break
        }
        'pulse;projects;limits;help;help' {
            break
        }
        'pulse;projects;delete' {
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Use this saved context [env: PULSE_CONTEXT]')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Control plane URL [env: PULSE_URL] [default: http://127.0.0.1:8081]')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'Project API key [env: PULSE_API_KEY]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (the daemon''s; the CLI reads it to find a local daemon''s admin token) [env: PULSE_CONFIG]')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Also when egress is running (it is stopped, ingress deleted)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Short for --format json')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (pulse prints none; accepted so scripts can always pass it)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say which URL, key and context are used, and where each came from')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say which URL, key and context are used, and where each came from')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pulse;projects;help' {
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create a project; its API key is shown this once')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List projects')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Show one project')
            [CompletionResult]::new('rotate-key', 'rotate-key', [CompletionResultType]::ParameterValue, 'Replace a project''s API key; the old one stops working at once')
            [CompletionResult]::new('limits', 'limits', [CompletionResultType]::ParameterValue, 'A project''s limits: over a hard one egress starts and ingress creates are refused')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete a project and everything it owns')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'pulse;projects;help;create' {
            break
        }
        'pulse;projects;help;list' {
            break
        }
        'pulse;projects;help;get' {
            break
        }
        'pulse;projects;help;rotate-key' {
            break
        }
        'pulse;projects;help;limits' {
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Set limits (the ones not named stay; 0 removes one)')
            break
        }
        'pulse;projects;help;limits;set' {
            break
        }
        'pulse;projects;help;delete' {
            break
        }
        'pulse;projects;help;help' {
            break
        }
        'pulse;context' {
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Use this saved context [env: PULSE_CONTEXT]')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Control plane URL [env: PULSE_URL] [default: http://127.0.0.1:8081]')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'Project API key [env: PULSE_API_KEY]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (the daemon''s; the CLI reads it to find a local daemon''s admin token) [env: PULSE_CONFIG]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Short for --format json')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (pulse prints none; accepted so scripts can always pass it)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say which URL, key and context are used, and where each came from')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say which URL, key and context are used, and where each came from')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Save a control plane and key under a name')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List saved contexts')
            [CompletionResult]::new('use', 'use', [CompletionResultType]::ParameterValue, 'Make a context the current one')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Forget a context')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show what commands will use, and where each value comes from')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'pulse;context;add' {
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Control plane URL')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'Project API key')
            [CompletionResult]::new('--admin-token', '--admin-token', [CompletionResultType]::ParameterName, 'Admin token (for `pulse projects`)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Use this saved context [env: PULSE_CONTEXT]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (the daemon''s; the CLI reads it to find a local daemon''s admin token) [env: PULSE_CONFIG]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Short for --format json')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (pulse prints none; accepted so scripts can always pass it)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say which URL, key and context are used, and where each came from')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say which URL, key and context are used, and where each came from')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pulse;context;list' {
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Use this saved context [env: PULSE_CONTEXT]')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Control plane URL [env: PULSE_URL] [default: http://127.0.0.1:8081]')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'Project API key [env: PULSE_API_KEY]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (the daemon''s; the CLI reads it to find a local daemon''s admin token) [env: PULSE_CONFIG]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Short for --format json')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (pulse prints none; accepted so scripts can always pass it)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say which URL, key and context are used, and where each came from')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say which URL, key and context are used, and where each came from')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pulse;context;use' {
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Use this saved context [env: PULSE_CONTEXT]')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Control plane URL [env: PULSE_URL] [default: http://127.0.0.1:8081]')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'Project API key [env: PULSE_API_KEY]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (the daemon''s; the CLI reads it to find a local daemon''s admin token) [env: PULSE_CONFIG]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Short for --format json')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (pulse prints none; accepted so scripts can always pass it)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say which URL, key and context are used, and where each came from')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say which URL, key and context are used, and where each came from')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pulse;context;remove' {
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Use this saved context [env: PULSE_CONTEXT]')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Control plane URL [env: PULSE_URL] [default: http://127.0.0.1:8081]')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'Project API key [env: PULSE_API_KEY]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (the daemon''s; the CLI reads it to find a local daemon''s admin token) [env: PULSE_CONFIG]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Short for --format json')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (pulse prints none; accepted so scripts can always pass it)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say which URL, key and context are used, and where each came from')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say which URL, key and context are used, and where each came from')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pulse;context;show' {
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Use this saved context [env: PULSE_CONTEXT]')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Control plane URL [env: PULSE_URL] [default: http://127.0.0.1:8081]')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'Project API key [env: PULSE_API_KEY]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (the daemon''s; the CLI reads it to find a local daemon''s admin token) [env: PULSE_CONFIG]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Short for --format json')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (pulse prints none; accepted so scripts can always pass it)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say which URL, key and context are used, and where each came from')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say which URL, key and context are used, and where each came from')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pulse;context;help' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Save a control plane and key under a name')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List saved contexts')
            [CompletionResult]::new('use', 'use', [CompletionResultType]::ParameterValue, 'Make a context the current one')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Forget a context')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show what commands will use, and where each value comes from')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'pulse;context;help;add' {
            break
        }
        'pulse;context;help;list' {
            break
        }
        'pulse;context;help;use' {
            break
        }
        'pulse;context;help;remove' {
            break
        }
        'pulse;context;help;show' {
            break
        }
        'pulse;context;help;help' {
            break
        }
        'pulse;token' {
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Use this saved context [env: PULSE_CONTEXT]')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Control plane URL [env: PULSE_URL] [default: http://127.0.0.1:8081]')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'Project API key [env: PULSE_API_KEY]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (the daemon''s; the CLI reads it to find a local daemon''s admin token) [env: PULSE_CONFIG]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Short for --format json')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (pulse prints none; accepted so scripts can always pass it)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say which URL, key and context are used, and where each came from')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say which URL, key and context are used, and where each came from')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create a join token (with -q, only the token is printed)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'pulse;token;create' {
            [CompletionResult]::new('--room', '--room', [CompletionResultType]::ParameterName, 'Room')
            [CompletionResult]::new('--identity', '--identity', [CompletionResultType]::ParameterName, 'Participant identity')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Display name')
            [CompletionResult]::new('--ttl', '--ttl', [CompletionResultType]::ParameterName, 'Validity')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Use this saved context [env: PULSE_CONTEXT]')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Control plane URL [env: PULSE_URL] [default: http://127.0.0.1:8081]')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'Project API key [env: PULSE_API_KEY]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (the daemon''s; the CLI reads it to find a local daemon''s admin token) [env: PULSE_CONFIG]')
            [CompletionResult]::new('--no-publish', '--no-publish', [CompletionResultType]::ParameterName, 'Join without publishing')
            [CompletionResult]::new('--no-subscribe', '--no-subscribe', [CompletionResultType]::ParameterName, 'Join without subscribing')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Short for --format json')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (pulse prints none; accepted so scripts can always pass it)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say which URL, key and context are used, and where each came from')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say which URL, key and context are used, and where each came from')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pulse;token;help' {
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create a join token (with -q, only the token is printed)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'pulse;token;help;create' {
            break
        }
        'pulse;token;help;help' {
            break
        }
        'pulse;webhooks' {
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Use this saved context [env: PULSE_CONTEXT]')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Control plane URL [env: PULSE_URL] [default: http://127.0.0.1:8081]')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'Project API key [env: PULSE_API_KEY]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (the daemon''s; the CLI reads it to find a local daemon''s admin token) [env: PULSE_CONFIG]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Short for --format json')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (pulse prints none; accepted so scripts can always pass it)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say which URL, key and context are used, and where each came from')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say which URL, key and context are used, and where each came from')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('logs', 'logs', [CompletionResultType]::ParameterValue, 'List deliveries (one event × one endpoint), newest first')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one delivery with its payload and every attempt')
            [CompletionResult]::new('replay', 'replay', [CompletionResultType]::ParameterValue, 'Send a delivery again now, or every delivery matching filters')
            [CompletionResult]::new('endpoints', 'endpoints', [CompletionResultType]::ParameterValue, 'Manage webhook endpoints')
            [CompletionResult]::new('test', 'test', [CompletionResultType]::ParameterValue, 'Send a sample event to the project''s endpoints')
            [CompletionResult]::new('listen', 'listen', [CompletionResultType]::ParameterValue, 'Forward the project''s events, as they happen, to a local URL')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Check a captured delivery''s signature: headers from --header, body from stdin')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'pulse;webhooks;logs' {
            [CompletionResult]::new('--status', '--status', [CompletionResultType]::ParameterName, 'pending, retrying, delivered or failed')
            [CompletionResult]::new('--event', '--event', [CompletionResultType]::ParameterName, 'Only this event')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'Only this endpoint')
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'Since a time (RFC 3339) or for a duration back (24h)')
            [CompletionResult]::new('--until', '--until', [CompletionResultType]::ParameterName, 'Until a time (RFC 3339) or a duration back')
            [CompletionResult]::new('--page', '--page', [CompletionResultType]::ParameterName, 'Page, from 1')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Items per page, 1–100')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Use this saved context [env: PULSE_CONTEXT]')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Control plane URL [env: PULSE_URL] [default: http://127.0.0.1:8081]')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'Project API key [env: PULSE_API_KEY]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (the daemon''s; the CLI reads it to find a local daemon''s admin token) [env: PULSE_CONFIG]')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Keep printing deliveries as they are made or change (JSON Lines with --json)')
            [CompletionResult]::new('--follow', '--follow', [CompletionResultType]::ParameterName, 'Keep printing deliveries as they are made or change (JSON Lines with --json)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Short for --format json')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (pulse prints none; accepted so scripts can always pass it)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say which URL, key and context are used, and where each came from')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say which URL, key and context are used, and where each came from')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pulse;webhooks;show' {
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Use this saved context [env: PULSE_CONTEXT]')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Control plane URL [env: PULSE_URL] [default: http://127.0.0.1:8081]')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'Project API key [env: PULSE_API_KEY]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (the daemon''s; the CLI reads it to find a local daemon''s admin token) [env: PULSE_CONFIG]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Short for --format json')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (pulse prints none; accepted so scripts can always pass it)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say which URL, key and context are used, and where each came from')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say which URL, key and context are used, and where each came from')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pulse;webhooks;replay' {
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'Send to this URL instead of the endpoint''s (one delivery only)')
            [CompletionResult]::new('--status', '--status', [CompletionResultType]::ParameterName, 'Replay every delivery with this status (e.g. failed)')
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'With --status: since a time or for a duration back (24h)')
            [CompletionResult]::new('--event', '--event', [CompletionResultType]::ParameterName, 'With --status: only this event')
            [CompletionResult]::new('--endpoint', '--endpoint', [CompletionResultType]::ParameterName, 'With --status: only this endpoint')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Use this saved context [env: PULSE_CONTEXT]')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Control plane URL [env: PULSE_URL] [default: http://127.0.0.1:8081]')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'Project API key [env: PULSE_API_KEY]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (the daemon''s; the CLI reads it to find a local daemon''s admin token) [env: PULSE_CONFIG]')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'List what would be replayed, send nothing')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Short for --format json')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (pulse prints none; accepted so scripts can always pass it)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say which URL, key and context are used, and where each came from')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say which URL, key and context are used, and where each came from')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pulse;webhooks;endpoints' {
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Use this saved context [env: PULSE_CONTEXT]')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Control plane URL [env: PULSE_URL] [default: http://127.0.0.1:8081]')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'Project API key [env: PULSE_API_KEY]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (the daemon''s; the CLI reads it to find a local daemon''s admin token) [env: PULSE_CONFIG]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Short for --format json')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (pulse prints none; accepted so scripts can always pass it)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say which URL, key and context are used, and where each came from')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say which URL, key and context are used, and where each came from')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add an endpoint; its secret is shown this once')
            [CompletionResult]::new('update', 'update', [CompletionResultType]::ParameterValue, 'Change an endpoint: the options named replace its own (an empty list clears one)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List endpoints')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove an endpoint')
            [CompletionResult]::new('recover', 'recover', [CompletionResultType]::ParameterValue, 'Enable an endpoint again and queue every delivery to it that failed since then')
            [CompletionResult]::new('rotate-secret', 'rotate-secret', [CompletionResultType]::ParameterValue, 'Replace an endpoint''s secret; the old one also signs during the grace period')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'pulse;webhooks;endpoints;add' {
            [CompletionResult]::new('--events', '--events', [CompletionResultType]::ParameterName, 'Only these events (comma-separated); default all')
            [CompletionResult]::new('--rooms', '--rooms', [CompletionResultType]::ParameterName, 'Only events of rooms matching these globs (comma-separated, `*` and `?`, the project''s own room names); default every room')
            [CompletionResult]::new('--room', '--room', [CompletionResultType]::ParameterName, 'Only events of rooms matching these globs (comma-separated, `*` and `?`, the project''s own room names); default every room')
            [CompletionResult]::new('--retry-schedule', '--retry-schedule', [CompletionResultType]::ParameterName, 'Waits before each retry of a failed delivery (comma-separated, e.g. 1m,10m,1h; up to 20, 3 days in all); default the control plane''s schedule')
            [CompletionResult]::new('--filter', '--filter', [CompletionResultType]::ParameterName, 'Only events meeting this condition (repeat: all must hold), e.g. ''data.egress.output_type == "hls"'' or ''data.participant.identity in [host, cohost]''')
            [CompletionResult]::new('--disable-after-days', '--disable-after-days', [CompletionResultType]::ParameterName, 'Disable it after this many days of nothing but failures, 0 to 90 (0: never; default 5)')
            [CompletionResult]::new('-H', '-H ', [CompletionResultType]::ParameterName, 'A header sent with every delivery, ''Name: value'' (repeat for several); kept encrypted, shown masked')
            [CompletionResult]::new('--header', '--header', [CompletionResultType]::ParameterName, 'A header sent with every delivery, ''Name: value'' (repeat for several); kept encrypted, shown masked')
            [CompletionResult]::new('--signature', '--signature', [CompletionResultType]::ParameterName, 'v1 (HMAC, whsec_ secret; default) or v1a (Standard Webhooks'' ed25519: receivers verify with the whpk_ public key)')
            [CompletionResult]::new('--rate-limit', '--rate-limit', [CompletionResultType]::ParameterName, 'At most this many deliveries per second to it (1 to 1000), across every daemon')
            [CompletionResult]::new('--ordering', '--ordering', [CompletionResultType]::ParameterName, 'resource: each egress''s, ingress''s or room''s deliveries in order, each after the one before it settled; none (default): each as soon as it is due')
            [CompletionResult]::new('--description', '--description', [CompletionResultType]::ParameterName, 'A note for people')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Use this saved context [env: PULSE_CONTEXT]')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Control plane URL [env: PULSE_URL] [default: http://127.0.0.1:8081]')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'Project API key [env: PULSE_API_KEY]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (the daemon''s; the CLI reads it to find a local daemon''s admin token) [env: PULSE_CONFIG]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Short for --format json')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (pulse prints none; accepted so scripts can always pass it)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say which URL, key and context are used, and where each came from')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say which URL, key and context are used, and where each came from')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pulse;webhooks;endpoints;update' {
            [CompletionResult]::new('--endpoint-url', '--endpoint-url', [CompletionResultType]::ParameterName, 'A new URL to deliver to (`--url` is the control plane''s)')
            [CompletionResult]::new('--events', '--events', [CompletionResultType]::ParameterName, 'Only these events (comma-separated; '''' for all)')
            [CompletionResult]::new('--rooms', '--rooms', [CompletionResultType]::ParameterName, 'Room globs (comma-separated; '''' for every room)')
            [CompletionResult]::new('--room', '--room', [CompletionResultType]::ParameterName, 'Room globs (comma-separated; '''' for every room)')
            [CompletionResult]::new('--filter', '--filter', [CompletionResultType]::ParameterName, 'Payload conditions (repeat; replaces them all)')
            [CompletionResult]::new('--retry-schedule', '--retry-schedule', [CompletionResultType]::ParameterName, 'Waits before each retry (comma-separated; '''' for the control plane''s)')
            [CompletionResult]::new('--disable-after-days', '--disable-after-days', [CompletionResultType]::ParameterName, 'Days of nothing but failures before it is disabled (0: never)')
            [CompletionResult]::new('-H', '-H ', [CompletionResultType]::ParameterName, 'Headers (repeat; replaces them all)')
            [CompletionResult]::new('--header', '--header', [CompletionResultType]::ParameterName, 'Headers (repeat; replaces them all)')
            [CompletionResult]::new('--rate-limit', '--rate-limit', [CompletionResultType]::ParameterName, 'At most this many deliveries per second (0: no limit)')
            [CompletionResult]::new('--ordering', '--ordering', [CompletionResultType]::ParameterName, 'resource or none')
            [CompletionResult]::new('--description', '--description', [CompletionResultType]::ParameterName, 'A note for people')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Use this saved context [env: PULSE_CONTEXT]')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Control plane URL [env: PULSE_URL] [default: http://127.0.0.1:8081]')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'Project API key [env: PULSE_API_KEY]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (the daemon''s; the CLI reads it to find a local daemon''s admin token) [env: PULSE_CONFIG]')
            [CompletionResult]::new('--no-filters', '--no-filters', [CompletionResultType]::ParameterName, 'Remove every payload condition')
            [CompletionResult]::new('--no-headers', '--no-headers', [CompletionResultType]::ParameterName, 'Remove every custom header')
            [CompletionResult]::new('--enable', '--enable', [CompletionResultType]::ParameterName, 'Enable it (deliveries go to it again)')
            [CompletionResult]::new('--disable', '--disable', [CompletionResultType]::ParameterName, 'Disable it (nothing is delivered to it)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Short for --format json')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (pulse prints none; accepted so scripts can always pass it)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say which URL, key and context are used, and where each came from')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say which URL, key and context are used, and where each came from')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pulse;webhooks;endpoints;list' {
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Use this saved context [env: PULSE_CONTEXT]')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Control plane URL [env: PULSE_URL] [default: http://127.0.0.1:8081]')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'Project API key [env: PULSE_API_KEY]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (the daemon''s; the CLI reads it to find a local daemon''s admin token) [env: PULSE_CONFIG]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Short for --format json')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (pulse prints none; accepted so scripts can always pass it)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say which URL, key and context are used, and where each came from')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say which URL, key and context are used, and where each came from')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pulse;webhooks;endpoints;remove' {
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Use this saved context [env: PULSE_CONTEXT]')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Control plane URL [env: PULSE_URL] [default: http://127.0.0.1:8081]')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'Project API key [env: PULSE_API_KEY]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (the daemon''s; the CLI reads it to find a local daemon''s admin token) [env: PULSE_CONFIG]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Short for --format json')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (pulse prints none; accepted so scripts can always pass it)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say which URL, key and context are used, and where each came from')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say which URL, key and context are used, and where each came from')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pulse;webhooks;endpoints;recover' {
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'From when: RFC 3339 or a duration back from now (48h); default since it began failing')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Use this saved context [env: PULSE_CONTEXT]')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Control plane URL [env: PULSE_URL] [default: http://127.0.0.1:8081]')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'Project API key [env: PULSE_API_KEY]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (the daemon''s; the CLI reads it to find a local daemon''s admin token) [env: PULSE_CONFIG]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Short for --format json')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (pulse prints none; accepted so scripts can always pass it)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say which URL, key and context are used, and where each came from')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say which URL, key and context are used, and where each came from')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pulse;webhooks;endpoints;rotate-secret' {
            [CompletionResult]::new('--grace', '--grace', [CompletionResultType]::ParameterName, 'How long the old secret keeps signing')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Use this saved context [env: PULSE_CONTEXT]')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Control plane URL [env: PULSE_URL] [default: http://127.0.0.1:8081]')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'Project API key [env: PULSE_API_KEY]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (the daemon''s; the CLI reads it to find a local daemon''s admin token) [env: PULSE_CONFIG]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Short for --format json')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (pulse prints none; accepted so scripts can always pass it)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say which URL, key and context are used, and where each came from')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say which URL, key and context are used, and where each came from')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pulse;webhooks;endpoints;help' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add an endpoint; its secret is shown this once')
            [CompletionResult]::new('update', 'update', [CompletionResultType]::ParameterValue, 'Change an endpoint: the options named replace its own (an empty list clears one)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List endpoints')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove an endpoint')
            [CompletionResult]::new('recover', 'recover', [CompletionResultType]::ParameterValue, 'Enable an endpoint again and queue every delivery to it that failed since then')
            [CompletionResult]::new('rotate-secret', 'rotate-secret', [CompletionResultType]::ParameterValue, 'Replace an endpoint''s secret; the old one also signs during the grace period')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'pulse;webhooks;endpoints;help;add' {
            break
        }
        'pulse;webhooks;endpoints;help;update' {
            break
        }
        'pulse;webhooks;endpoints;help;list' {
            break
        }
        'pulse;webhooks;endpoints;help;remove' {
            break
        }
        'pulse;webhooks;endpoints;help;recover' {
            break
        }
        'pulse;webhooks;endpoints;help;rotate-secret' {
            break
        }
        'pulse;webhooks;endpoints;help;help' {
            break
        }
        'pulse;webhooks;test' {
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Use this saved context [env: PULSE_CONTEXT]')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Control plane URL [env: PULSE_URL] [default: http://127.0.0.1:8081]')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'Project API key [env: PULSE_API_KEY]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (the daemon''s; the CLI reads it to find a local daemon''s admin token) [env: PULSE_CONFIG]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Short for --format json')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (pulse prints none; accepted so scripts can always pass it)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say which URL, key and context are used, and where each came from')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say which URL, key and context are used, and where each came from')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pulse;webhooks;listen' {
            [CompletionResult]::new('--forward-to', '--forward-to', [CompletionResultType]::ParameterName, 'Where to POST each event, e.g. http://localhost:3000/webhooks')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Use this saved context [env: PULSE_CONTEXT]')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Control plane URL [env: PULSE_URL] [default: http://127.0.0.1:8081]')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'Project API key [env: PULSE_API_KEY]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (the daemon''s; the CLI reads it to find a local daemon''s admin token) [env: PULSE_CONFIG]')
            [CompletionResult]::new('--print-secret', '--print-secret', [CompletionResultType]::ParameterName, 'Print the secret forwarded events are signed with, and exit')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Short for --format json')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (pulse prints none; accepted so scripts can always pass it)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say which URL, key and context are used, and where each came from')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say which URL, key and context are used, and where each came from')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pulse;webhooks;verify' {
            [CompletionResult]::new('--secret', '--secret', [CompletionResultType]::ParameterName, 'The endpoint secret (whsec_…), or a v1a endpoint''s public key (whpk_…)')
            [CompletionResult]::new('-H', '-H ', [CompletionResultType]::ParameterName, 'A header as ''Name: value'' (repeat)')
            [CompletionResult]::new('--header', '--header', [CompletionResultType]::ParameterName, 'A header as ''Name: value'' (repeat)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Use this saved context [env: PULSE_CONTEXT]')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Control plane URL [env: PULSE_URL] [default: http://127.0.0.1:8081]')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'Project API key [env: PULSE_API_KEY]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (the daemon''s; the CLI reads it to find a local daemon''s admin token) [env: PULSE_CONFIG]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Short for --format json')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (pulse prints none; accepted so scripts can always pass it)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say which URL, key and context are used, and where each came from')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say which URL, key and context are used, and where each came from')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pulse;webhooks;help' {
            [CompletionResult]::new('logs', 'logs', [CompletionResultType]::ParameterValue, 'List deliveries (one event × one endpoint), newest first')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one delivery with its payload and every attempt')
            [CompletionResult]::new('replay', 'replay', [CompletionResultType]::ParameterValue, 'Send a delivery again now, or every delivery matching filters')
            [CompletionResult]::new('endpoints', 'endpoints', [CompletionResultType]::ParameterValue, 'Manage webhook endpoints')
            [CompletionResult]::new('test', 'test', [CompletionResultType]::ParameterValue, 'Send a sample event to the project''s endpoints')
            [CompletionResult]::new('listen', 'listen', [CompletionResultType]::ParameterValue, 'Forward the project''s events, as they happen, to a local URL')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Check a captured delivery''s signature: headers from --header, body from stdin')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'pulse;webhooks;help;logs' {
            break
        }
        'pulse;webhooks;help;show' {
            break
        }
        'pulse;webhooks;help;replay' {
            break
        }
        'pulse;webhooks;help;endpoints' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add an endpoint; its secret is shown this once')
            [CompletionResult]::new('update', 'update', [CompletionResultType]::ParameterValue, 'Change an endpoint: the options named replace its own (an empty list clears one)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List endpoints')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove an endpoint')
            [CompletionResult]::new('recover', 'recover', [CompletionResultType]::ParameterValue, 'Enable an endpoint again and queue every delivery to it that failed since then')
            [CompletionResult]::new('rotate-secret', 'rotate-secret', [CompletionResultType]::ParameterValue, 'Replace an endpoint''s secret; the old one also signs during the grace period')
            break
        }
        'pulse;webhooks;help;endpoints;add' {
            break
        }
        'pulse;webhooks;help;endpoints;update' {
            break
        }
        'pulse;webhooks;help;endpoints;list' {
            break
        }
        'pulse;webhooks;help;endpoints;remove' {
            break
        }
        'pulse;webhooks;help;endpoints;recover' {
            break
        }
        'pulse;webhooks;help;endpoints;rotate-secret' {
            break
        }
        'pulse;webhooks;help;test' {
            break
        }
        'pulse;webhooks;help;listen' {
            break
        }
        'pulse;webhooks;help;verify' {
            break
        }
        'pulse;webhooks;help;help' {
            break
        }
        'pulse;console' {
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Use this saved context [env: PULSE_CONTEXT]')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Control plane URL [env: PULSE_URL] [default: http://127.0.0.1:8081]')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'Project API key [env: PULSE_API_KEY]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (the daemon''s; the CLI reads it to find a local daemon''s admin token) [env: PULSE_CONFIG]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Short for --format json')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (pulse prints none; accepted so scripts can always pass it)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say which URL, key and context are used, and where each came from')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say which URL, key and context are used, and where each came from')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('link', 'link', [CompletionResultType]::ParameterValue, 'Print a link that opens the console on one project, for a teammate or a customer')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'pulse;console;link' {
            [CompletionResult]::new('--ttl', '--ttl', [CompletionResultType]::ParameterName, 'How long the link works (60s to 7d)')
            [CompletionResult]::new('--project', '--project', [CompletionResultType]::ParameterName, 'The project to open, when using the admin token (a project key opens its own)')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Use this saved context [env: PULSE_CONTEXT]')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Control plane URL [env: PULSE_URL] [default: http://127.0.0.1:8081]')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'Project API key [env: PULSE_API_KEY]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (the daemon''s; the CLI reads it to find a local daemon''s admin token) [env: PULSE_CONFIG]')
            [CompletionResult]::new('--manage', '--manage', [CompletionResultType]::ParameterName, 'Let the console also add, edit and remove the project''s endpoints and rotate their secrets (nothing else)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Short for --format json')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (pulse prints none; accepted so scripts can always pass it)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say which URL, key and context are used, and where each came from')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say which URL, key and context are used, and where each came from')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pulse;console;help' {
            [CompletionResult]::new('link', 'link', [CompletionResultType]::ParameterValue, 'Print a link that opens the console on one project, for a teammate or a customer')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'pulse;console;help;link' {
            break
        }
        'pulse;console;help;help' {
            break
        }
        'pulse;usage' {
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'From when: a duration back from now (30d) or an RFC 3339 time')
            [CompletionResult]::new('--until', '--until', [CompletionResultType]::ParameterName, 'Until when (default now)')
            [CompletionResult]::new('--by', '--by', [CompletionResultType]::ParameterName, 'Buckets: day (UTC, default) or hour; or room (by room, per day)')
            [CompletionResult]::new('--project', '--project', [CompletionResultType]::ParameterName, 'With the admin token: this project')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Use this saved context [env: PULSE_CONTEXT]')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Control plane URL [env: PULSE_URL] [default: http://127.0.0.1:8081]')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'Project API key [env: PULSE_API_KEY]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (the daemon''s; the CLI reads it to find a local daemon''s admin token) [env: PULSE_CONFIG]')
            [CompletionResult]::new('--csv', '--csv', [CompletionResultType]::ParameterName, 'Comma-separated values for spreadsheets')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Short for --format json')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (pulse prints none; accepted so scripts can always pass it)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say which URL, key and context are used, and where each came from')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say which URL, key and context are used, and where each came from')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pulse;status' {
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Use this saved context [env: PULSE_CONTEXT]')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Control plane URL [env: PULSE_URL] [default: http://127.0.0.1:8081]')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'Project API key [env: PULSE_API_KEY]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (the daemon''s; the CLI reads it to find a local daemon''s admin token) [env: PULSE_CONFIG]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Short for --format json')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (pulse prints none; accepted so scripts can always pass it)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say which URL, key and context are used, and where each came from')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say which URL, key and context are used, and where each came from')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pulse;store' {
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Use this saved context [env: PULSE_CONTEXT]')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Control plane URL [env: PULSE_URL] [default: http://127.0.0.1:8081]')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'Project API key [env: PULSE_API_KEY]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (the daemon''s; the CLI reads it to find a local daemon''s admin token) [env: PULSE_CONFIG]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Short for --format json')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (pulse prints none; accepted so scripts can always pass it)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say which URL, key and context are used, and where each came from')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say which URL, key and context are used, and where each came from')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('copy', 'copy', [CompletionResultType]::ParameterValue, 'Copy every record of one store into another (stop the daemons on both first)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'pulse;store;copy' {
            [CompletionResult]::new('--from', '--from', [CompletionResultType]::ParameterName, 'The store to read: a sled data dir, or a postgres:// URL')
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'The store to write: a sled data dir, or a postgres:// URL')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Use this saved context [env: PULSE_CONTEXT]')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Control plane URL [env: PULSE_URL] [default: http://127.0.0.1:8081]')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'Project API key [env: PULSE_API_KEY]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (the daemon''s; the CLI reads it to find a local daemon''s admin token) [env: PULSE_CONFIG]')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Copy into a store that already holds projects (records there are overwritten)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Short for --format json')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (pulse prints none; accepted so scripts can always pass it)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say which URL, key and context are used, and where each came from')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say which URL, key and context are used, and where each came from')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pulse;store;help' {
            [CompletionResult]::new('copy', 'copy', [CompletionResultType]::ParameterValue, 'Copy every record of one store into another (stop the daemons on both first)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'pulse;store;help;copy' {
            break
        }
        'pulse;store;help;help' {
            break
        }
        'pulse;daemon' {
            [CompletionResult]::new('--listen', '--listen', [CompletionResultType]::ParameterName, 'Listen address [default: 127.0.0.1:8081]')
            [CompletionResult]::new('--data-dir', '--data-dir', [CompletionResultType]::ParameterName, 'Data directory [default: $STATE_DIRECTORY, else the platform data dir]')
            [CompletionResult]::new('--log-format', '--log-format', [CompletionResultType]::ParameterName, 'Log format: pretty or json')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Use this saved context [env: PULSE_CONTEXT]')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Control plane URL [env: PULSE_URL] [default: http://127.0.0.1:8081]')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'Project API key [env: PULSE_API_KEY]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (the daemon''s; the CLI reads it to find a local daemon''s admin token) [env: PULSE_CONFIG]')
            [CompletionResult]::new('--check-config', '--check-config', [CompletionResultType]::ParameterName, 'Validate the configuration and exit')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Short for --format json')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (pulse prints none; accepted so scripts can always pass it)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say which URL, key and context are used, and where each came from')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say which URL, key and context are used, and where each came from')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pulse;completions' {
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Use this saved context [env: PULSE_CONTEXT]')
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Control plane URL [env: PULSE_URL] [default: http://127.0.0.1:8081]')
            [CompletionResult]::new('--api-key', '--api-key', [CompletionResultType]::ParameterName, 'Project API key [env: PULSE_API_KEY]')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (the daemon''s; the CLI reads it to find a local daemon''s admin token) [env: PULSE_CONFIG]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Short for --format json')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids, one per line')
            [CompletionResult]::new('--no-color', '--no-color', [CompletionResultType]::ParameterName, 'Never use colour (pulse prints none; accepted so scripts can always pass it)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say which URL, key and context are used, and where each came from')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say which URL, key and context are used, and where each came from')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'pulse;help' {
            [CompletionResult]::new('egress', 'egress', [CompletionResultType]::ParameterValue, 'Record and restream rooms: start, stop, get, list')
            [CompletionResult]::new('rules', 'rules', [CompletionResultType]::ParameterValue, 'Record rooms automatically: add, list, get, remove recording rules')
            [CompletionResult]::new('ingress', 'ingress', [CompletionResultType]::ParameterValue, 'Let encoders publish into rooms (RTMP, WHIP, URL pull)')
            [CompletionResult]::new('projects', 'projects', [CompletionResultType]::ParameterValue, 'Manage projects (admin)')
            [CompletionResult]::new('context', 'context', [CompletionResultType]::ParameterValue, 'Saved control planes and keys')
            [CompletionResult]::new('token', 'token', [CompletionResultType]::ParameterValue, 'Room join tokens')
            [CompletionResult]::new('webhooks', 'webhooks', [CompletionResultType]::ParameterValue, 'Webhook deliveries, endpoints, replay, listen and verify')
            [CompletionResult]::new('console', 'console', [CompletionResultType]::ParameterValue, 'The browser console: links that open it on one project')
            [CompletionResult]::new('usage', 'usage', [CompletionResultType]::ParameterValue, 'Usage: participant and egress minutes, recording bytes, deliveries, by day, hour or room')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Control plane and LiveKit health')
            [CompletionResult]::new('store', 'store', [CompletionResultType]::ParameterValue, 'Work on a store directly: copy one into another (sled ⇄ PostgreSQL)')
            [CompletionResult]::new('daemon', 'daemon', [CompletionResultType]::ParameterValue, 'Run the control plane')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print shell completions')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'pulse;help;egress' {
            [CompletionResult]::new('start', 'start', [CompletionResultType]::ParameterValue, 'Start recording or restreaming a room or track')
            [CompletionResult]::new('stop', 'stop', [CompletionResultType]::ParameterValue, 'Stop one or more egress')
            [CompletionResult]::new('update', 'update', [CompletionResultType]::ParameterValue, 'Add or remove RTMP targets of a live rtmp egress (LiveKit''s UpdateStream)')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Show one egress')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List egress, newest first')
            break
        }
        'pulse;help;egress;start' {
            break
        }
        'pulse;help;egress;stop' {
            break
        }
        'pulse;help;egress;update' {
            break
        }
        'pulse;help;egress;get' {
            break
        }
        'pulse;help;egress;list' {
            break
        }
        'pulse;help;rules' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Start an egress in every matching room, once per room session')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the project''s rules, newest first')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Show one rule')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove one or more rules (egress they started keep running until their rooms finish)')
            break
        }
        'pulse;help;rules;add' {
            break
        }
        'pulse;help;rules;list' {
            break
        }
        'pulse;help;rules;get' {
            break
        }
        'pulse;help;rules;remove' {
            break
        }
        'pulse;help;ingress' {
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create an ingress; the stream key is shown this once')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Show one ingress (key masked)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List ingress, newest first')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete one or more ingress (the records are kept as `deleted`)')
            break
        }
        'pulse;help;ingress;create' {
            break
        }
        'pulse;help;ingress;get' {
            break
        }
        'pulse;help;ingress;list' {
            break
        }
        'pulse;help;ingress;delete' {
            break
        }
        'pulse;help;projects' {
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create a project; its API key is shown this once')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List projects')
            [CompletionResult]::new('get', 'get', [CompletionResultType]::ParameterValue, 'Show one project')
            [CompletionResult]::new('rotate-key', 'rotate-key', [CompletionResultType]::ParameterValue, 'Replace a project''s API key; the old one stops working at once')
            [CompletionResult]::new('limits', 'limits', [CompletionResultType]::ParameterValue, 'A project''s limits: over a hard one egress starts and ingress creates are refused')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete a project and everything it owns')
            break
        }
        'pulse;help;projects;create' {
            break
        }
        'pulse;help;projects;list' {
            break
        }
        'pulse;help;projects;get' {
            break
        }
        'pulse;help;projects;rotate-key' {
            break
        }
        'pulse;help;projects;limits' {
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Set limits (the ones not named stay; 0 removes one)')
            break
        }
        'pulse;help;projects;limits;set' {
            break
        }
        'pulse;help;projects;delete' {
            break
        }
        'pulse;help;context' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Save a control plane and key under a name')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List saved contexts')
            [CompletionResult]::new('use', 'use', [CompletionResultType]::ParameterValue, 'Make a context the current one')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Forget a context')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show what commands will use, and where each value comes from')
            break
        }
        'pulse;help;context;add' {
            break
        }
        'pulse;help;context;list' {
            break
        }
        'pulse;help;context;use' {
            break
        }
        'pulse;help;context;remove' {
            break
        }
        'pulse;help;context;show' {
            break
        }
        'pulse;help;token' {
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create a join token (with -q, only the token is printed)')
            break
        }
        'pulse;help;token;create' {
            break
        }
        'pulse;help;webhooks' {
            [CompletionResult]::new('logs', 'logs', [CompletionResultType]::ParameterValue, 'List deliveries (one event × one endpoint), newest first')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one delivery with its payload and every attempt')
            [CompletionResult]::new('replay', 'replay', [CompletionResultType]::ParameterValue, 'Send a delivery again now, or every delivery matching filters')
            [CompletionResult]::new('endpoints', 'endpoints', [CompletionResultType]::ParameterValue, 'Manage webhook endpoints')
            [CompletionResult]::new('test', 'test', [CompletionResultType]::ParameterValue, 'Send a sample event to the project''s endpoints')
            [CompletionResult]::new('listen', 'listen', [CompletionResultType]::ParameterValue, 'Forward the project''s events, as they happen, to a local URL')
            [CompletionResult]::new('verify', 'verify', [CompletionResultType]::ParameterValue, 'Check a captured delivery''s signature: headers from --header, body from stdin')
            break
        }
        'pulse;help;webhooks;logs' {
            break
        }
        'pulse;help;webhooks;show' {
            break
        }
        'pulse;help;webhooks;replay' {
            break
        }
        'pulse;help;webhooks;endpoints' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add an endpoint; its secret is shown this once')
            [CompletionResult]::new('update', 'update', [CompletionResultType]::ParameterValue, 'Change an endpoint: the options named replace its own (an empty list clears one)')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List endpoints')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove an endpoint')
            [CompletionResult]::new('recover', 'recover', [CompletionResultType]::ParameterValue, 'Enable an endpoint again and queue every delivery to it that failed since then')
            [CompletionResult]::new('rotate-secret', 'rotate-secret', [CompletionResultType]::ParameterValue, 'Replace an endpoint''s secret; the old one also signs during the grace period')
            break
        }
        'pulse;help;webhooks;endpoints;add' {
            break
        }
        'pulse;help;webhooks;endpoints;update' {
            break
        }
        'pulse;help;webhooks;endpoints;list' {
            break
        }
        'pulse;help;webhooks;endpoints;remove' {
            break
        }
        'pulse;help;webhooks;endpoints;recover' {
            break
        }
        'pulse;help;webhooks;endpoints;rotate-secret' {
            break
        }
        'pulse;help;webhooks;test' {
            break
        }
        'pulse;help;webhooks;listen' {
            break
        }
        'pulse;help;webhooks;verify' {
            break
        }
        'pulse;help;console' {
            [CompletionResult]::new('link', 'link', [CompletionResultType]::ParameterValue, 'Print a link that opens the console on one project, for a teammate or a customer')
            break
        }
        'pulse;help;console;link' {
            break
        }
        'pulse;help;usage' {
            break
        }
        'pulse;help;status' {
            break
        }
        'pulse;help;store' {
            [CompletionResult]::new('copy', 'copy', [CompletionResultType]::ParameterValue, 'Copy every record of one store into another (stop the daemons on both first)')
            break
        }
        'pulse;help;store;copy' {
            break
        }
        'pulse;help;daemon' {
            break
        }
        'pulse;help;completions' {
            break
        }
        'pulse;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
