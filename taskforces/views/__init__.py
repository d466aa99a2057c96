"""Views of the task forces, one module per part of the workspace.

Every view asks taskforces.permissions first. A workspace path answers 404 to visitors
and to anyone outside the task force, so that its threads, files and meetings cannot be
found by guessing; a reader who may not do something (an observer posting) gets 403.
"""
