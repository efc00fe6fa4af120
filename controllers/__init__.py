from . import policy
