"""The law: pure rule definitions, dated parameters, derived facts and the evaluation engine.

Nothing in here knows about Django, files other than its own parameter files, or the network.
"""
