"""The appeal pages: each role's list (the office's 诉求工作台, a department's and an
enterprise's 我的诉求), intake, and one appeal with the actions its viewer may take. A page parses
its request and calls the selectors (scoped: a supervisor gets 403, an appeal outside the
viewer's scope 404) or one service (which checks the write)."""
