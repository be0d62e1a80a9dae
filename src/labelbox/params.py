"""The keyword parameters of the create and update methods, one ``TypedDict`` each.

``client.create_project(**kwargs: Unpack[ProjectCreateParams])``,
``project.update(**kwargs: Unpack[ProjectUpdateParams])``, ...: each lists the keywords
the method accepts and their types, generated from the schema's input types. Import them
to build keyword sets ahead of a call::

    from labelbox.params import ProjectCreateParams

    settings: ProjectCreateParams = {"name": "cars", "description": "street scenes"}
    project = client.create_project(**settings)
"""

from labelbox._generated.params import *  # noqa: F403
from labelbox._generated.params import __all__ as __all__
