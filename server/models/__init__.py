"""SQLModel tables of the bundled server, one module per domain.

Importing this package registers every table on `SQLModel.metadata` (Alembic and
`create_all` rely on that).
"""

from server.models.mobile import MobileCode, Notification  # noqa: F401
from server.models.reference import (  # noqa: F401
    AccessDevice,
    Blacklist,
    Department,
    Person,
    PrivilegeGroup,
    Purpose,
    Setting,
    VisitorField,
    WorkUnit,
)
from server.models.security import (  # noqa: F401
    Integration,
    Kiosk,
    LoginThrottle,
    Operator,
    OperatorChallenge,
    OperatorSession,
    VerifyCode,
)
from server.models.visit import (  # noqa: F401
    AuthRecord,
    BacklogCallback,
    ChangeCounter,
    Picture,
    QrKey,
    SyncRecord,
    Visit,
    VisitTombstone,
)
