"""Settings split by environment: ``base`` (shared), ``dev`` (embedded default), ``test``, ``prod``."""
