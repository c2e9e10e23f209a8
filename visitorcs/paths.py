"""Where the API lives: the URL prefix and the groups' paths (spec: visitorcs-api.md)."""

from __future__ import annotations

PREFIX = "/webapi/visitorcs"
CLIENT = "/api/v1/clientService"  # 15_客户端接口, under PREFIX
EITS = "/eits"  # operator login, under PREFIX
HEALTH = "/actuator/health"  # under PREFIX, not enveloped

CLIENT_URL = PREFIX + CLIENT
EITS_URL = PREFIX + EITS
HEALTH_URL = PREFIX + HEALTH
PICTURES = CLIENT + "/ext/pictures"  # the server's own picture URLs: PICTURES/<faceId>.jpg
PICTURES_URL = PREFIX + PICTURES
