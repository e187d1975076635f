"""The interview: questions as data (criteria/interview.yaml), a pure engine, a prompt asker."""
