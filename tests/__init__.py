from . import test_beneficiary
from . import test_beneficiary_security
from . import test_program_registration
from . import test_program_fee
from . import test_program_attendance
from . import test_program_evaluation
from . import test_program_portal
from . import test_program_security
