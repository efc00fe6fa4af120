{
    "name": "Beneficiary Relations: Benchmark",
    "summary": "The performance benchmark of beneficiary_relations (make bench), never installed in production",
    "version": "18.0.1.0.0",
    "category": "Hidden",
    "author": "Beneficiary Relations contributors",
    "website": "https://github.com/beneficiary-relations/beneficiary_relations",
    "license": "LGPL-3",
    "depends": ["beneficiary_relations"],
    "installable": True,
}
