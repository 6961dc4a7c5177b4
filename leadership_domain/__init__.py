"""The shared domain: the UN System Leadership Framework, the module catalogue, learning paths and
the project's xAPI vocabulary. A leaf package: the LRS, the XBlocks, the packager and the
certificate rules import it; it imports none of them."""
