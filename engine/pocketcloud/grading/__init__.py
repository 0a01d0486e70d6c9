"""Classroom exercises: the test harness shared by the browser and the grader, the exercise catalog, the
progress/submission file, and the teacher's grader (``pocketcloud-grade``).

Only :mod:`.harness` and :mod:`.checks` run in the learner's browser (the page's Pyodide worker imports them
from this wheel); the rest runs on a teacher's machine. They ship in the engine wheel so that the console
script works from any install (editable or wheel) and so that the browser and the grader run the very same
harness code.
"""
