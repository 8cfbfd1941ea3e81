"""Public pages of appointments: ``booking`` (the booking steps and the call-back request), ``manage``
(a booking's own pages) and ``shared`` (the list of free times both show). Staff pages: ``staff_views``."""
