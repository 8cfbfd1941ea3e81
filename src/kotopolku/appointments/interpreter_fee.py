"""The interpreter no-show fee: Act on the Promotion of Integration (681/2023), section 32 a.

When an interpreter has been booked and the client neither comes nor cancels, the municipality may
charge a fee. The client must be told of the fee, and of how to cancel, when the appointment is
booked. No fee is charged from under-18s, or when the client had an acceptable reason.

The amount is set by law and changes; update it here (the public pages read it from this module).
"""

from __future__ import annotations

from decimal import Decimal

MAX_FEE_EUR = Decimal("56.70")  # the maximum in 2025
