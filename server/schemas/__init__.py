"""Request and response models of the HTTP API, one module per API group (as server/routes): they
shape the OpenAPI document (`/v3/api-docs`) that schemathesis and the kiosk check against. Wire
models both sides build and read (RegisterInfo, the offline upload) are visitorcs.wire's."""
