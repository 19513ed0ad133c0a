# IPython reads this file in every kernel of the environment it is copied into
# ({sys.prefix}/etc/ipython/ipython_kernel_config.py: `python3 tasks.py` and Binder's postBuild put it there).
# It imports cablekit when a kernel starts, so that a NameError in a notebook cell is one line that
# says what to do ("run the cells above first") instead of a traceback, also after a restart,
# before the setup cell has run again. Importing cablekit loads nothing heavy (a few milliseconds).
c.InteractiveShellApp.exec_lines = ["import cablekit as _cablekit; del _cablekit"]  # noqa: F821 (c is IPython's config)
