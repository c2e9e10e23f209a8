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


# ---- phone verify codes and password changes (server/verify_codes.py) -----------------------------


class BaseRequestIn(BaseModel):
    name: str = Field(default="", max_length=64, description="登录名：向其绑定的手机发送验证码")
    productCode: str | None = Field(default=None, max_length=64)
    type: int = 0


class PhoneCodeIn(BaseModel):
    phone: str = Field(default="", max_length=32)
    productCode: str | None = Field(default=None, max_length=64)
    type: int = 0


class CheckPhoneCodeIn(PhoneCodeIn):
    code: str = Field(default="", max_length=16)


class PhoneStatusIn(BaseModel):
    phoneNo: str | None = Field(default=None, max_length=32)
    productCode: str | None = Field(default=None, max_length=64)
    type: int | None = None


class ChangePwdIn(BaseModel):
    codeId: str = Field(
        default="", max_length=64, description="phone/verifyCode 或 login/verifyCode 返回的 verifyCodeId"
    )
    verifyCode: str = Field(default="", max_length=16)
    salt: str = Field(default="", max_length=128, description="新密码的 salt（base64）")
    password: str = Field(
        default="", max_length=256, description="base64(StoredKey):base64(ServerKey)，客户端计算"
    )
    productCode: str | None = Field(default=None, max_length=64)
    type: int | None = None


class UserPhoneCodeIn(BaseModel):
    phoneNo: str = Field(default="", max_length=32)


class UserPhoneCheckIn(BaseModel):
    codeId: str = Field(
        default="", max_length=64, description="login/challengeCode 的 codeId（证明当前密码）"
    )
    oldPwd: str = Field(default="", max_length=256, description="当前密码对该挑战的 ClientProof（hex）")
    phoneNo: str = Field(default="", max_length=32)
    verifyCode: str = Field(default="", max_length=16)


class UserChangePwdIn(BaseModel):
    codeId: str = Field(default="", max_length=64, description="login/challengeCode 的 codeId")
    oldPwd: str = Field(default="", max_length=256, description="当前密码对该挑战的 ClientProof（hex）")
    newPwd: str = Field(default="", max_length=256, description="base64(StoredKey):base64(ServerKey)")
    salt: str = Field(default="", max_length=128)


class CodeSent(BaseModel):
    verifyCodeId: str
    expiresIn: int


class CodeChecked(BaseModel):
    verifyCodeId: str
    valid: bool


class PhoneStatusDto(BaseModel):
    phoneNo: str
    bound: str
    matches: str
