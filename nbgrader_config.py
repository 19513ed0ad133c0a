"""nbgrader settings for grading the collection (copied into a course folder by
`python -m cablekit nbgrader COURSE_FOLDER`; see docs/instructor-guide.md, "Grading with nbgrader").

They make nbgrader's student version identical to exercises/: a code solution region is removed
entirely (the skeleton the student completes sits above it, outside the region), and a written
answer becomes "*Your answer here.*", as cablekit/exercises.py does.
"""
c = get_config()  # noqa: F821 (nbgrader provides get_config)

c.CourseDirectory.course_id = "mao-stalin-cable"
c.ClearSolutions.code_stub = {"python": ""}
c.ClearSolutions.text_stub = "*Your answer here.*"
# Autograding executes each notebook; each runs in a few seconds.
c.ExecutePreprocessor.timeout = 120
