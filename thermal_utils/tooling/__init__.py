"""The tooling a learner does not need to read: the command line, the notebook runner, camera
exports, the loader and its cache, the generator. Its layers are in the README's "Layout"."""
