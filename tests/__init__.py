from . import test_beneficiary
from . import test_beneficiary_security
