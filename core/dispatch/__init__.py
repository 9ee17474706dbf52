"""Smart dispatch (智能派单): read a complaint and decide where it goes.

* :mod:`~core.dispatch.assessor` — category and kind (jieba classifier), urgency and its trigger
  words (emergency rules): the core's ``Assessor``;
* :mod:`~core.dispatch.router` — the grid from the address (patterns per grid,
  :mod:`~core.dispatch.patterns`) or a shared location: the core's ``Router``;
* :mod:`~core.dispatch.duplicates` — an open ticket about the same problem: the core's
  ``DuplicateFinder``;
* :mod:`~core.dispatch.grid_import` — grids from CSV or TOML;
* :mod:`~core.dispatch.wiring` — all of it from the settings (what ``build_app`` installs).

See docs/dispatch.md.
"""
