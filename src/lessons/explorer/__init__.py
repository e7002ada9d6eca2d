"""The panels of the course on the static site: states computed when the site is built.

Without a Python kernel a live panel cannot compute, so the site offers each panel as an
*explorer*: for a grid of control values (:mod:`lessons.explorer.grids`), the package computes
every state with the same path the live panel uses (:mod:`lessons.explorer.views`), writes it
as files (:mod:`lessons.explorer.states`), and the page's script only picks the state that
matches the controls. The Sphinx directive is :mod:`lessons.sphinx_explorer`.
"""

__all__: list[str] = []
