class Placeholder { }
