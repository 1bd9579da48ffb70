"""A quickstart written against the Python client generated from docs/openapi.json
(openapi-python-client): a project, an endpoint, an HLS egress started and stopped, a test
event, its delivery log and the project's usage. Prints what it saw as one JSON line."""

import json
import os
import sys
import time

from pulse_client import AuthenticatedClient
from pulse_client.api.egress import egress_get, egress_start, egress_stop
from pulse_client.api.projects import projects_create
from pulse_client.api.usage import usage_usage
from pulse_client.api.webhooks import webhooks_create_endpoint, webhooks_list_logs, webhooks_test_event
from pulse_client.models import (
    CreateEndpoint,
    CreateProject,
    StartEgress,
    StopEgress,
    TestEventRequest,
)
from pulse_client.models.start_egress_output_type_type_0 import StartEgressOutputTypeType0
from pulse_client.models.event_kind import EventKind

url, admin, receiver = os.environ["PULSE_URL"], os.environ["PULSE_ADMIN_TOKEN"], os.environ["RECEIVER_URL"]

def ok(resp, status):
    if resp.status_code != status:
        sys.exit(f"{resp.status_code}: {resp.content!r}")
    return resp.parsed

admin_client = AuthenticatedClient(base_url=url, token=admin)
made = ok(projects_create.sync_detailed(client=admin_client, body=CreateProject(name="quickstart")), 201)
key = made.api_key
client = AuthenticatedClient(base_url=url, token=key)

endpoint = ok(webhooks_create_endpoint.sync_detailed(
    client=client, body=CreateEndpoint(url=receiver, description="quickstart")), 201)
egress = ok(egress_start.sync_detailed(
    client=client, body=StartEgress(room_name="stage", output_type=StartEgressOutputTypeType0.HLS)), 201)
seen = ok(egress_get.sync_detailed(egress.egress_id, client=client), 200)
stopped = ok(egress_stop.sync_detailed(client=client, body=StopEgress(egress_id=egress.egress_id)), 200)
sent = ok(webhooks_test_event.sync_detailed(client=client, body=TestEventRequest(event=EventKind.ROOM_STARTED)), 201)
# The test event's own delivery log: the egress's events may be logged before or after it.
deadline = time.monotonic() + 10
while True:
    logs = ok(webhooks_list_logs.sync_detailed(client=client, endpoint_id=endpoint.endpoint_id), 200)
    mine = [log for log in logs.data if log.event_id == sent.event.id]
    if mine or time.monotonic() > deadline:
        break
    time.sleep(0.05)
usage = ok(usage_usage.sync_detailed(client=client), 200)

print(json.dumps({
    "project_id": made.project.project_id,
    "api_key": key,
    "secret": endpoint.secret,
    "egress_id": egress.egress_id,
    "egress_room": seen.room_name,
    "stopped_status": stopped.status,
    "event_id": sent.event.id,
    "logs": len(logs.data),
    "log_id": mine[0].id if mine else None,
    "usage_project": usage.project_id,
}))
