"""Request and response models of the operator login (routes/eits.py; the scheme is
docs/server.md's)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field


class ChallengeIn(BaseModel):
    name: str = Field(default="", max_length=64)
    productCode: str | None = None
    type: int = 0


class ChallengeDto(BaseModel):
    codeId: str
    nonce: str
    salt: str = Field(description="base64")
    kdf: dict[str, Any] = Field(description="{name: argon2id, timeCost, memoryCost, parallelism, length}")
    expiresIn: int = Field(description="秒")


class LoginIn(BaseModel):
    name: str = Field(default="", max_length=64)
    codeId: str = Field(default="", max_length=64)
    password: str = Field(default="", max_length=256, description="客户端证明 ClientProof（hex），不是密码")
    productCode: str | None = None
    type: int = 0
    expired: int | None = None
    verifyCodeId: str | None = None


class LoginDto(BaseModel):
    token: str
    expiresIn: int
    name: str
    displayName: str
    serverSignature: str = Field(description="hex；客户端据此确认服务端持有凭证")
