"""The player shipped inside every package: static assets (assets/), message catalogues (messages/)
and the renderer that writes each unit's index.html and unit-data.js."""
